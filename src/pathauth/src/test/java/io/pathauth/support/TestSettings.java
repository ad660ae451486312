package io.pathauth.support;

import io.pathauth.config.ClaimSettings;
import io.pathauth.config.JwtSettings;
import io.pathauth.dev.DevTokens;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Keys and verification settings for unit tests and benchmarks. */
public final class TestSettings {

  private TestSettings() {}

  /** A fresh RSA-2048 key pair. */
  public static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Verification settings trusting {@code key}, with the given checks and no size or typ rule. */
  public static JwtSettings jwt(
      PublicKey key, Set<String> algorithms, String issuer, List<String> audiences, int skew) {
    return jwt(
        Optional.of(DevTokens.pem("PUBLIC KEY", key.getEncoded())),
        Optional.empty(),
        algorithms,
        Optional.ofNullable(issuer),
        audiences,
        skew,
        Optional.empty());
  }

  /** Verification settings with every knob the tests turn. */
  public static JwtSettings jwt(
      Optional<String> publicKey,
      Optional<String> location,
      Set<String> algorithms,
      Optional<String> issuer,
      List<String> audiences,
      int skew,
      Optional<String> typ) {
    return new JwtSettings(
        publicKey,
        location,
        algorithms,
        issuer,
        audiences,
        skew,
        OptionalLong.empty(),
        "Authorization",
        "Bearer",
        8192,
        Optional.empty(),
        io.pathauth.config.JwksSettings.defaults(),
        typ.map(ClaimSettings::exactType).orElse(ClaimSettings.standard()));
  }

  /** Verification settings trusting {@code key} (RS256), with the given claim rules. */
  public static JwtSettings jwt(
      PublicKey key, String issuer, List<String> audiences, ClaimSettings claims) {
    return new JwtSettings(
        Optional.of(DevTokens.pem("PUBLIC KEY", key.getEncoded())),
        Optional.empty(),
        Set.of("RS256"),
        Optional.ofNullable(issuer),
        audiences,
        0,
        OptionalLong.empty(),
        "Authorization",
        "Bearer",
        8192,
        Optional.empty(),
        io.pathauth.config.JwksSettings.defaults(),
        claims);
  }

  /** Session settings of an application whose pages are under /app (login, error, landing). */
  public static io.pathauth.config.SessionSettings session() {
    return new io.pathauth.config.SessionSettings(
        "/app/login",
        "/app/login?error=true",
        "/app/home",
        "/app/logout",
        "/app/login?logout=true",
        1800,
        28_800,
        5,
        50,
        900);
  }
}
