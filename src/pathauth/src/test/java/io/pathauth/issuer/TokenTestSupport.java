package io.pathauth.issuer;

import io.pathauth.config.TokenSettings;
import java.nio.file.Path;
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
}
