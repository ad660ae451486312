package io.pathauth.it.security;

import io.pathauth.it.support.TestKeys;
import io.pathauth.it.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

/**
 * A catalogue of hostile access tokens (RFC 8725 attacks and malformed encodings), each one built
 * in test code, by jose4j or byte by byte. None of them may be accepted.
 */
final class CraftedTokens {

  private CraftedTokens() {}

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String b64(String s) {
    return b64(s.getBytes(StandardCharsets.UTF_8));
  }

  static long now() {
    return Instant.now().getEpochSecond();
  }

  /** A valid payload for the demo's trusted external issuer. */
  static String payload(String extra) {
    return "{\"iss\":\""
        + Tokens.ISSUER
        + "\",\"aud\":\""
        + Tokens.AUDIENCE
        + "\",\"upn\":\"bob\",\"sub\":\"bob\",\"groups\":[\"user\",\"admin\"],\"iat\":"
        + now()
        + ",\"exp\":"
        + (now() + 300)
        + ",\"jti\":\"j-"
        + System.nanoTime()
        + "\""
        + extra
        + "}";
  }

  /** Signs the exact header and payload bytes with RS256. */
  static String rs256(String headerJson, String payloadJson, PrivateKey key) {
    try {
      String input = b64(headerJson) + "." + b64(payloadJson);
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initSign(key);
      s.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + b64(s.sign());
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hs256(String headerJson, String payloadJson, byte[] secret) {
    try {
      String input = b64(headerJson) + "." + b64(payloadJson);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + b64(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Name to token; every token must get 401 invalid_token. */
  static Map<String, String> catalogue() throws Exception {
    Map<String, String> m = new LinkedHashMap<>();
    PrivateKey trusted = TestKeys.TRUSTED.getPrivate();
    KeyPair attacker = TestKeys.ATTACKER;
    String rs = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String good = rs256(rs, payload(""), trusted);
    String[] parts = good.split("\\.");

    m.put(
        "control: valid shape, attacker signature", rs256(rs, payload(""), attacker.getPrivate()));
    for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
      m.put(
          "alg " + none + ", empty signature",
          b64("{\"alg\":\"" + none + "\"}") + "." + parts[1] + ".");
      m.put(
          "alg " + none + ", junk signature",
          b64("{\"alg\":\"" + none + "\"}") + "." + parts[1] + ".AAAA");
    }
    m.put("RS256 header, signature stripped", parts[0] + "." + parts[1] + ".");
    String pem =
        io.pathauth.dev.DevTokens.pem("PUBLIC KEY", TestKeys.TRUSTED.getPublic().getEncoded());
    m.put(
        "HS256 with the RSA public key PEM as secret",
        hs256("{\"alg\":\"HS256\"}", payload(""), pem.getBytes(StandardCharsets.US_ASCII)));
    m.put(
        "HS256 with the RSA public key DER as secret",
        hs256("{\"alg\":\"HS256\"}", payload(""), TestKeys.TRUSTED.getPublic().getEncoded()));
    PublicJsonWebKey attackerJwk = PublicJsonWebKey.Factory.newPublicJwk(attacker.getPublic());
    String embedded = attackerJwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    m.put(
        "embedded jwk header with the attacker's key",
        rs256("{\"alg\":\"RS256\",\"jwk\":" + embedded + "}", payload(""), attacker.getPrivate()));
    m.put(
        "jku header to a key set the attacker controls",
        rs256(
            "{\"alg\":\"RS256\",\"kid\":\"a\",\"jku\":\"http://127.0.0.1:9/jwks.json\"}",
            payload(""),
            attacker.getPrivate()));
    m.put(
        "x5u header",
        rs256(
            "{\"alg\":\"RS256\",\"x5u\":\"http://127.0.0.1:9/cert.pem\"}",
            payload(""),
            attacker.getPrivate()));
    m.put(
        "unknown kid",
        rs256("{\"alg\":\"RS256\",\"kid\":\"no-such-key\"}", payload(""), attacker.getPrivate()));
    m.put(
        "kid with a path",
        rs256(
            "{\"alg\":\"RS256\",\"kid\":\"../../../../etc/passwd\"}",
            payload(""),
            attacker.getPrivate()));
    m.put(
        "kid with a URL",
        rs256(
            "{\"alg\":\"RS256\",\"kid\":\"http://127.0.0.1:9/k\"}",
            payload(""),
            attacker.getPrivate()));
    m.put(
        "crit names an unknown extension",
        rs256("{\"alg\":\"RS256\",\"crit\":[\"x-ext\"],\"x-ext\":1}", payload(""), trusted));
    m.put(
        "duplicate alg member in the header",
        rs256("{\"alg\":\"RS256\",\"alg\":\"none\"}", payload(""), trusted));
    m.put("duplicate sub member in the payload", rs256(rs, payload(",\"upn\":\"alice\""), trusted));
    m.put("padding on every segment", parts[0] + "==." + parts[1] + "==." + parts[2] + "==");
    m.put(
        "standard base64 alphabet",
        parts[0] + "." + parts[1] + "." + parts[2].replace('-', '+').replace('_', '/') + "+");
    m.put("white space inside", parts[0] + ". " + parts[1] + "." + parts[2]);
    m.put("two segments", parts[0] + "." + parts[1]);
    m.put("four segments", good + "." + parts[2]);
    m.put(
        "five segments (JWE shape)", parts[0] + ".." + parts[1] + "." + parts[2] + "." + parts[2]);
    m.put("oversized", parts[0] + "." + "A".repeat(5000) + "." + parts[2]); // limit set to 4096
    m.put(
        "exp as a string",
        rs256(
            rs,
            payload("").replace("\"exp\":" + (now() + 300), "\"exp\":\"" + (now() + 300) + "\""),
            trusted));
    m.put("no exp", rs256(rs, payload("").replaceAll(",\"exp\":[0-9]+", ""), trusted));
    m.put(
        "iat after exp",
        rs256(
            rs,
            payload("")
                .replaceAll("\"iat\":[0-9]+", "\"iat\":" + (now() + 50))
                .replaceAll("\"exp\":[0-9]+", "\"exp\":" + (now() + 40)),
            trusted));
    m.put("expired", Tokens.expired());
    m.put("not yet valid", Tokens.notYetValid());
    m.put("wrong issuer", Tokens.wrongIssuer());
    m.put("wrong audience", Tokens.wrongAudience());
    m.put(
        "payload swapped under a valid signature",
        parts[0] + "." + b64(payload(",\"x\":1")) + "." + parts[2]);
    m.put("header is not JSON", b64("not json") + "." + parts[1] + "." + parts[2]);
    m.put("payload is not JSON", parts[0] + "." + b64("[1,2") + "." + parts[2]);
    m.put("header is a JSON array", b64("[\"RS256\"]") + "." + parts[1] + "." + parts[2]);
    m.put("garbage", "not-a-jwt");
    return m;
  }
}
