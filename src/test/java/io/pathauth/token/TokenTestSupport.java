package io.pathauth.token;

import io.pathauth.config.TokenSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/** Settings and a settable clock for the token unit tests. */
final class TokenTestSupport {

  private TokenTestSupport() {}

  static TokenSettings settings(Path stateDir, String algorithm, List<String> keys) {
    return new TokenSettings(
        Optional.of("https://issuer.test"),
        "aud-test",
        algorithm,
        300,
        3600,
        7200,
        "/auth/token",
        "/auth/logout",
        "/.well-known/jwks.json",
        "/admin",
        "admin",
        keys,
        stateDir);
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-11-24T12:00:00.250Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
