package io.pathauth.config;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Bearer-token verification settings, read from the standard MicroProfile JWT 2.1 keys.
 *
 * @param publicKey {@code mp.jwt.verify.publickey}: PEM, JWK or JWKS text
 * @param publicKeyLocation {@code mp.jwt.verify.publickey.location}: file, classpath or http(s)
 * @param algorithms {@code mp.jwt.verify.publickey.algorithm}: the accepted signature algorithms
 * @param issuer {@code mp.jwt.verify.issuer}
 * @param audiences {@code mp.jwt.verify.audiences}: one of them must be in {@code aud}
 * @param clockSkewSeconds {@code mp.jwt.verify.clock.skew}
 * @param tokenAgeSeconds {@code mp.jwt.verify.token.age}: maximum age since {@code iat}
 * @param tokenHeader {@code mp.jwt.token.header}: {@code Authorization} or {@code Cookie}
 * @param tokenCookie {@code mp.jwt.token.cookie}: the cookie name when the header is Cookie
 * @param maxTokenLength {@code pathauth.jwt.max-token-length}: longer tokens are refused unparsed
 * @param requiredType {@code pathauth.jwt.typ}: when set, the JOSE {@code typ} header must equal it
 *     (case-insensitive)
 */
public record JwtSettings(
    Optional<String> publicKey,
    Optional<String> publicKeyLocation,
    Set<String> algorithms,
    Optional<String> issuer,
    List<String> audiences,
    int clockSkewSeconds,
    OptionalLong tokenAgeSeconds,
    String tokenHeader,
    String tokenCookie,
    int maxTokenLength,
    Optional<String> requiredType) {

  public JwtSettings {
    algorithms = Set.copyOf(algorithms);
    audiences = List.copyOf(audiences);
  }

  /** Whether the token travels in a cookie rather than the {@code Authorization} header. */
  public boolean tokenInCookie() {
    return "Cookie".equalsIgnoreCase(tokenHeader);
  }

  /** Whether any verification key is configured. */
  public boolean hasKey() {
    return publicKey.isPresent() || publicKeyLocation.isPresent();
  }
}
