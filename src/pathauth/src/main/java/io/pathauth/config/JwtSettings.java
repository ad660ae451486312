package io.pathauth.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;

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
 * @param decryption {@code mp.jwt.decrypt.*}: encrypted tokens, when configured
 * @param jwks how a remote key set is fetched and kept ({@code pathauth.jwt.jwks.*})
 * @param claims the claim mapping and token-kind rules ({@link ClaimSettings})
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
    Optional<Decryption> decryption,
    JwksSettings jwks,
    ClaimSettings claims) {

  public static final String MP_PUBLICKEY = "mp.jwt.verify.publickey";
  public static final String MP_PUBLICKEY_LOCATION = "mp.jwt.verify.publickey.location";
  public static final String MP_PUBLICKEY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";
  public static final String MP_ISSUER = "mp.jwt.verify.issuer";
  public static final String MP_AUDIENCES = "mp.jwt.verify.audiences";
  public static final String MP_CLOCK_SKEW = "mp.jwt.verify.clock.skew";
  public static final String MP_TOKEN_AGE = "mp.jwt.verify.token.age";
  public static final String MP_TOKEN_HEADER = "mp.jwt.token.header";
  public static final String MP_TOKEN_COOKIE = "mp.jwt.token.cookie";

  private static final Set<String> ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

  public JwtSettings {
    algorithms = Set.copyOf(algorithms);
    audiences = List.copyOf(audiences);
  }

  /** Whether the token travels in a cookie rather than the {@code Authorization} header. */
  public boolean tokenInCookie() {
    return "Cookie".equalsIgnoreCase(tokenHeader);
  }

  /**
   * These settings with {@code keySet} as the one key and nothing else changed (how the key-routing
   * step fills in pathauth's own key set at each rotation).
   */
  public JwtSettings withKey(String keySet) {
    return new JwtSettings(
        Optional.of(keySet),
        Optional.empty(),
        algorithms,
        issuer,
        audiences,
        clockSkewSeconds,
        tokenAgeSeconds,
        tokenHeader,
        tokenCookie,
        maxTokenLength,
        decryption,
        jwks,
        claims);
  }

  /**
   * The settings pathauth's own tokens are verified with: its issuer and audience and its two
   * algorithms; the skew, size limit and {@code typ} of these settings; no maximum age (its own
   * lifetimes bound them); no key yet ({@link #withKey}).
   */
  public JwtSettings forOwnTokens(Optional<String> ownIssuer, String ownAudience) {
    return new JwtSettings(
        Optional.empty(),
        Optional.empty(),
        Set.of("RS256", "ES256"),
        ownIssuer,
        List.of(ownAudience),
        clockSkewSeconds,
        OptionalLong.empty(),
        "Authorization",
        "Bearer",
        maxTokenLength,
        Optional.empty(),
        jwks,
        claims.typesOnly());
  }

  /** Whether any verification key is configured. */
  public boolean hasVerificationKey() {
    return publicKey.isPresent() || publicKeyLocation.isPresent();
  }

  /** Whether tokens can be checked at all: a verification key, or a decryption key (MP-JWT). */
  public boolean hasKey() {
    return hasVerificationKey() || decryption.isPresent();
  }

  /** Reads the {@code mp.jwt.*} keys and {@code pathauth.jwt.*}. */
  public static JwtSettings read(ConfigReader r) {
    Optional<String> key = r.string(MP_PUBLICKEY);
    Optional<String> location = r.string(MP_PUBLICKEY_LOCATION);
    if (key.isPresent() && location.isPresent()) {
      throw new PathAuthConfigException(
          MP_PUBLICKEY_LOCATION,
          "set either " + MP_PUBLICKEY + " or " + MP_PUBLICKEY_LOCATION + ", not both");
    }
    Set<String> algorithms = new LinkedHashSet<>();
    for (String a : r.list(MP_PUBLICKEY_ALGORITHM)) {
      String upper = a.toUpperCase(Locale.ROOT);
      if (!ALGORITHMS.contains(upper)) {
        throw new PathAuthConfigException(
            MP_PUBLICKEY_ALGORITHM,
            "unsupported algorithm '"
                + a
                + "' (allowed: "
                + ALGORITHMS.stream().sorted().collect(Collectors.joining(", "))
                + ")");
      }
      algorithms.add(upper);
    }
    if (algorithms.isEmpty()) {
      algorithms.add("RS256");
      algorithms.add("ES256");
    }
    String header = r.string(MP_TOKEN_HEADER).orElse("Authorization");
    if (!header.equalsIgnoreCase("Authorization") && !header.equalsIgnoreCase("Cookie")) {
      throw new PathAuthConfigException(MP_TOKEN_HEADER, "must be Authorization or Cookie");
    }
    String tokenAge = r.string(MP_TOKEN_AGE).orElse(null);
    return new JwtSettings(
        key,
        location,
        algorithms,
        r.string(MP_ISSUER),
        r.list(MP_AUDIENCES),
        r.boundedInt(MP_CLOCK_SKEW, 60, 0, Integer.MAX_VALUE),
        tokenAge == null
            ? OptionalLong.empty()
            : OptionalLong.of(r.boundedInt(MP_TOKEN_AGE, 0, 0, Integer.MAX_VALUE)),
        header,
        r.string(MP_TOKEN_COOKIE).orElse("Bearer"),
        r.boundedInt("pathauth.jwt.max-token-length", 8192, 256, 1 << 20),
        Decryption.read(r),
        JwksSettings.read(r),
        ClaimSettings.read(r, r.list(MP_AUDIENCES)));
  }
}
