package io.pathauth.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * pathauth's own token issuer: the token endpoint, refresh tokens, revocation, JWKS and the admin
 * API. Enabled by setting {@code pathauth.token.issuer}.
 *
 * @param issuer {@code pathauth.token.issuer}: the {@code iss} of the tokens pathauth signs
 * @param audience {@code pathauth.token.audience}: their {@code aud}
 * @param algorithm {@code pathauth.token.algorithm}: RS256 (default) or ES256
 * @param accessLifetimeSeconds {@code pathauth.token.access-lifetime}: default 300
 * @param refreshLifetimeSeconds {@code pathauth.token.refresh-lifetime}: default 86400
 * @param familyLifetimeSeconds {@code pathauth.token.family-lifetime}: how long refreshing can go
 *     on after a login; default 604800 (7 days)
 * @param tokenPath {@code pathauth.token.path}: default {@code /auth/token}
 * @param logoutPath {@code pathauth.token.logout-path}: default {@code /auth/logout}
 * @param jwksPath {@code pathauth.token.jwks-path}: default {@code /.well-known/jwks.json}
 * @param adminPath {@code pathauth.admin.path}: default {@code /admin}
 * @param adminRole {@code pathauth.admin.role}: default {@code admin}
 * @param keyLocations {@code pathauth.token.keys}: signing keys (JWK, or RSA PKCS#8 PEM), first one
 *     signs; empty means "generate one and keep it in the state directory"
 * @param stateDir {@code pathauth.state.dir}: where keys, revocations and refresh tokens persist
 */
public record TokenSettings(
    Optional<String> issuer,
    String audience,
    String algorithm,
    long accessLifetimeSeconds,
    long refreshLifetimeSeconds,
    long familyLifetimeSeconds,
    String tokenPath,
    String logoutPath,
    String jwksPath,
    String adminPath,
    String adminRole,
    List<String> keyLocations,
    Path stateDir) {

  public TokenSettings {
    keyLocations = List.copyOf(keyLocations);
  }

  /** Whether pathauth issues tokens itself. */
  public boolean enabled() {
    return issuer.isPresent();
  }

  /** Reads {@code pathauth.token.*}, {@code pathauth.admin.*} and {@code pathauth.state.dir}. */
  public static TokenSettings read(ConfigReader r) {
    String algorithm =
        r.string("pathauth.token.algorithm").orElse("RS256").toUpperCase(Locale.ROOT);
    if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
      throw new PathAuthConfigException("pathauth.token.algorithm", "must be RS256 or ES256");
    }
    String adminPath = r.plainPath("pathauth.admin.path", "/admin");
    if (adminPath.length() > 1 && adminPath.endsWith("/")) {
      throw new PathAuthConfigException("pathauth.admin.path", "must not end with '/'");
    }
    java.nio.file.Path stateDir =
        r.string("pathauth.state.dir")
            .map(java.nio.file.Path::of)
            .orElseGet(
                () -> java.nio.file.Path.of(System.getProperty("user.dir"), "pathauth-state"));
    return new TokenSettings(
        r.string("pathauth.token.issuer"),
        r.string("pathauth.token.audience").orElse("pathauth"),
        algorithm,
        r.positiveSeconds("pathauth.token.access-lifetime", 300),
        r.positiveSeconds("pathauth.token.refresh-lifetime", 86_400),
        r.positiveSeconds("pathauth.token.family-lifetime", 604_800),
        r.plainPath("pathauth.token.path", "/auth/token"),
        r.plainPath("pathauth.token.logout-path", "/auth/logout"),
        r.plainPath("pathauth.token.jwks-path", "/.well-known/jwks.json"),
        adminPath,
        r.string("pathauth.admin.role").orElse("admin"),
        r.list("pathauth.token.keys"),
        stateDir.toAbsolutePath());
  }
}
