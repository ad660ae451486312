package io.pathauth.it.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Access tokens for the tests, valid and crafted-bad. */
public final class Tokens {

  public static final String ISSUER = "https://pathauth.example/dev";
  public static final String AUDIENCE = "pathauth-api";

  private Tokens() {}

  /** Claims of a valid token for {@code user}; tests modify a copy before signing. */
  public static JwtClaimsBuilder claims(String user, String... groups) {
    long now = Instant.now().getEpochSecond();
    return Jwt.issuer(ISSUER)
        .upn(user)
        .subject(user + "-id")
        .audience(AUDIENCE)
        .groups(Set.of(groups))
        .issuedAt(now)
        .expiresAt(now + 300);
  }

  /** Signs with the trusted key. */
  public static String sign(JwtClaimsBuilder claims) {
    return claims.jws().keyId("test").sign(TestKeys.TRUSTED.getPrivate());
  }

  public static String valid(String user, String... groups) {
    return sign(claims(user, groups));
  }

  public static String expired() {
    long now = Instant.now().getEpochSecond();
    return sign(claims("alice", "user").issuedAt(now - 7200).expiresAt(now - 3600));
  }

  public static String notYetValid() {
    long now = Instant.now().getEpochSecond();
    return sign(claims("alice", "user").claim("nbf", now + 3600).expiresAt(now + 7200));
  }

  public static String wrongIssuer() {
    return sign(claims("alice", "user").issuer("https://evil.example"));
  }

  public static String wrongAudience() {
    return sign(claims("alice", "user").audience("someone-else"));
  }

  public static String badSignature() {
    return claims("alice", "user").jws().keyId("test").sign(TestKeys.ATTACKER.getPrivate());
  }

  /** A valid token's claims, re-sent with {@code alg: none} and an empty signature. */
  public static String algNone() {
    String payload = valid("alice", "user", "admin").split("\\.")[1];
    return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
  }

  /** The payload of a valid token with its signature cut off. */
  public static String unsigned() {
    String[] parts = valid("alice", "user").split("\\.");
    return parts[0] + "." + parts[1] + ".";
  }

  public static String b64(String json) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
