package io.pathauth.config;

import java.time.Duration;
import java.util.Optional;

/**
 * How a key set published at an {@code https:} {@code mp.jwt.verify.publickey.location} (an
 * identity provider's JWKS endpoint) is fetched and kept.
 *
 * <pre>
 * pathauth.jwt.jwks.refresh-interval=600      seconds a key set is used when the IdP sends no Cache-Control max-age
 * pathauth.jwt.jwks.min-refresh-interval=10   at most one fetch per this many seconds for an unknown kid or a retry
 * pathauth.jwt.jwks.timeout=5                 seconds to connect, and to wait for each read; no retries
 * pathauth.jwt.jwks.max-bytes=262144          a larger key set is refused
 * pathauth.jwt.jwks.stale-after=3600          seconds without a successful fetch after which readiness says stale
 * pathauth.jwt.jwks.tls-certificate=          PEM file of certificates to trust for the IdP (default: the JVM's)
 * pathauth.jwt.rsa-min-bits=2048              smaller RSA verification keys are refused (MP-JWT asks 1024)
 * </pre>
 */
public record JwksSettings(
    Duration refreshInterval,
    Duration minRefreshInterval,
    Duration timeout,
    int maxBytes,
    Duration staleAfter,
    Optional<String> tlsCertificate,
    int rsaMinBits) {

  public static final String PREFIX = "pathauth.jwt.jwks.";
  public static final String RSA_MIN_BITS = "pathauth.jwt.rsa-min-bits";

  /** The defaults above. */
  public static JwksSettings defaults() {
    return new JwksSettings(
        Duration.ofSeconds(600),
        Duration.ofSeconds(10),
        Duration.ofSeconds(5),
        256 * 1024,
        Duration.ofSeconds(3600),
        Optional.empty(),
        2048);
  }

  static JwksSettings read(ConfigReader r) {
    Duration refresh =
        Duration.ofSeconds(r.boundedInt(PREFIX + "refresh-interval", 600, 1, 86_400));
    Duration min = Duration.ofSeconds(r.boundedInt(PREFIX + "min-refresh-interval", 10, 1, 86_400));
    if (min.compareTo(refresh) > 0) {
      throw new PathAuthConfigException(
          PREFIX + "min-refresh-interval",
          "must not be longer than " + PREFIX + "refresh-interval");
    }
    return new JwksSettings(
        refresh,
        min,
        Duration.ofSeconds(r.boundedInt(PREFIX + "timeout", 5, 1, 60)),
        r.boundedInt(PREFIX + "max-bytes", 256 * 1024, 1024, 16 * 1024 * 1024),
        Duration.ofSeconds(r.boundedInt(PREFIX + "stale-after", 3600, 1, 30 * 86_400)),
        r.string(PREFIX + "tls-certificate"),
        r.boundedInt(RSA_MIN_BITS, 2048, 1024, 16384));
  }
}
