package io.pathauth.jwt;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Tokens with any header and any JSON payload, signed RS256 with jose4j: shapes a token builder
 * would refuse to make (a claim of the wrong JSON type, a foreign {@code typ}), for tests of what
 * the verifier accepts.
 */
final class SignedJson {

  private SignedJson() {}

  /**
   * Signs {@code payload} as it is.
   *
   * @param typ the {@code typ} header, or null for none
   */
  static String sign(PrivateKey key, String typ, String payload) {
    return sign(key, typ, Map.of(), payload);
  }

  /** Signs {@code payload} with extra header parameters. */
  static String sign(PrivateKey key, String typ, Map<String, String> headers, String payload) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    if (typ != null) {
      jws.setHeader("typ", typ);
    }
    headers.forEach(jws::setHeader);
    jws.setPayload(payload);
    jws.setKey(key);
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code claims} as JSON with its time claims ({@code exp}, {@code iat}, {@code nbf}, {@code
   * auth_time}, where present) set around now: issued ten seconds ago, valid for five minutes.
   */
  static String fresh(Map<String, Object> claims) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> copy = new java.util.LinkedHashMap<>(claims);
    copy.put("exp", now + 300);
    copy.put("iat", now - 10);
    copy.computeIfPresent("nbf", (k, v) -> now - 10);
    copy.computeIfPresent("auth_time", (k, v) -> now - 10);
    return JsonUtil.toJson(copy);
  }
}
