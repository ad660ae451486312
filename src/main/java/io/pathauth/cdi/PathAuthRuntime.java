package io.pathauth.cdi;

import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.TokenSettings;
import io.pathauth.jwt.CachingTokenVerifier;
import io.pathauth.jwt.SmallRyeTokenVerifier;
import io.pathauth.jwt.TokenVerifier;
import io.pathauth.path.Mechanism;
import io.pathauth.session.LoginThrottle;
import io.pathauth.session.SessionIdentity;
import io.pathauth.session.SessionRegistry;
import io.pathauth.token.FileRefreshTokenStore;
import io.pathauth.token.FileRevocationStore;
import io.pathauth.token.RevocationStore;
import io.pathauth.token.RoutingTokenVerifier;
import io.pathauth.token.SigningKeys;
import io.pathauth.token.TokenService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Everything pathauth builds once at deploy time from its configuration: the verifier, the issuer's
 * keys and service, the revocation store and the session registry.
 *
 * @param verifier present when any path uses the jwt mechanism
 * @param keys present when pathauth issues tokens
 * @param tokens present when pathauth issues tokens
 */
public record PathAuthRuntime(
    PathAuthConfig config,
    Optional<TokenVerifier> verifier,
    Optional<SigningKeys> keys,
    Optional<TokenService> tokens,
    RevocationStore revocations,
    SessionRegistry sessions,
    LoginThrottle throttle) {

  /** Builds the runtime; configuration problems surface as {@code PathAuthConfigException}. */
  public static PathAuthRuntime create(PathAuthConfig config, Clock clock) {
    TokenSettings t = config.token();
    RevocationStore revocations =
        new FileRevocationStore(t.stateDir().resolve("revocations.txt"), clock);
    TokenVerifier external =
        config.jwt().hasKey() && (config.uses(Mechanism.JWT) || t.enabled())
            ? new SmallRyeTokenVerifier(config.jwt())
            : null;
    SigningKeys keys = null;
    TokenService tokens = null;
    TokenVerifier verifier = external;
    if (t.enabled()) {
      keys = SigningKeys.load(t, clock);
      tokens =
          new TokenService(
              t,
              keys,
              new FileRefreshTokenStore(t.stateDir().resolve("refresh-tokens.txt"), clock),
              revocations,
              clock,
              Duration.ofSeconds(config.jwt().clockSkewSeconds()),
              retention(config));
      verifier = new RoutingTokenVerifier(keys, t, config.jwt(), external);
    }
    if (verifier != null && config.verifiedTokenCacheBytes() > 0) {
      verifier =
          new CachingTokenVerifier(
              verifier,
              config.verifiedTokenCacheBytes(),
              config.jwt().clockSkewSeconds(),
              config.jwt().tokenAgeSeconds(),
              clock);
    }
    return new PathAuthRuntime(
        config,
        Optional.ofNullable(verifier),
        Optional.ofNullable(keys),
        Optional.ofNullable(tokens),
        revocations,
        new SessionRegistry(),
        new LoginThrottle(
            config.session().maxFailuresPerAccount(),
            config.session().maxFailuresPerAddress(),
            config.session().throttleWindowSeconds(),
            clock));
  }

  /**
   * How long revocation markers must be kept: longer than any session or token they reject can live
   * (refresh families, access tokens with skew, the absolute session timeout), plus an hour.
   */
  static Duration retention(PathAuthConfig config) {
    long seconds =
        Math.max(
            Math.max(
                config.token().refreshLifetimeSeconds(), config.token().familyLifetimeSeconds()),
            Math.max(
                config.token().accessLifetimeSeconds() + config.jwt().clockSkewSeconds(),
                config.session().absoluteTimeoutSeconds()));
    return Duration.ofSeconds(seconds).plusHours(1);
  }

  /** Whether a session login is over: past the absolute timeout, or ended by a forced logout. */
  public boolean sessionEnded(SessionIdentity identity, Instant now) {
    Instant at = Instant.ofEpochMilli(identity.authenticatedAtMillis());
    return at.plusSeconds(config.session().absoluteTimeoutSeconds()).isBefore(now)
        || revocations.loggedOutSince(identity.name(), at);
  }

  /** Whether a verified token was revoked: by bearer logout, or by a forced logout of its user. */
  public boolean revoked(JsonWebToken jwt) {
    String jti = jwt.getTokenID();
    if (jti != null && revocations.isRevoked(jti)) {
      return true;
    }
    if (tokens.isPresent()
        && TokenService.family(jwt).map(tokens.get()::familyRevoked).orElse(false)) {
      return true;
    }
    return jwt.getName() != null
        && revocations.loggedOutSince(jwt.getName(), Instant.ofEpochSecond(jwt.getIssuedAtTime()));
  }
}
