package io.pathauth.cdi;

import io.pathauth.admin.AdminService;
import io.pathauth.audit.AuditLog;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.SessionSettings;
import io.pathauth.config.StateSettings;
import io.pathauth.config.TokenSettings;
import io.pathauth.issuer.FileRefreshTokenStore;
import io.pathauth.issuer.FileRevocationStore;
import io.pathauth.issuer.RefreshTokenStore;
import io.pathauth.issuer.RevocationAnswers;
import io.pathauth.issuer.RevocationCheck;
import io.pathauth.issuer.RevocationEpoch;
import io.pathauth.issuer.RevocationStore;
import io.pathauth.issuer.SharedRefreshTokenStore;
import io.pathauth.issuer.SharedRevocationStore;
import io.pathauth.issuer.SigningKeys;
import io.pathauth.issuer.TokenService;
import io.pathauth.jwt.CachingTokenVerifier;
import io.pathauth.jwt.KeyRoutingVerifier;
import io.pathauth.jwt.RemoteKeySet;
import io.pathauth.jwt.SmallRyeTokenVerifier;
import io.pathauth.jwt.TimestampCheck;
import io.pathauth.jwt.TokenVerifier;
import io.pathauth.path.Mechanism;
import io.pathauth.session.LocalLoginThrottle;
import io.pathauth.session.LoginThrottle;
import io.pathauth.session.SessionIdentity;
import io.pathauth.session.SessionRegistry;
import io.pathauth.session.SharedLoginThrottle;
import io.pathauth.state.jcache.JCacheState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything pathauth builds once at deploy time from its configuration: the verifier, the issuer's
 * keys and service, the revocation store and the session registry.
 *
 * @param verifier present when any path uses the jwt mechanism
 * @param keys present when pathauth issues tokens
 * @param tokens present when pathauth issues tokens
 * @param timestamps the time step of bearer verification, with the runtime's clock
 * @param remoteKeys the identity provider's key set, when {@code mp.jwt.verify.publickey.location}
 *     is a URL (readiness and metrics report on it)
 * @param answers in a cluster, the "not revoked" answers each node remembers until a revocation
 */
public record PathAuthRuntime(
    PathAuthConfig config,
    Optional<TokenVerifier> verifier,
    Optional<SigningKeys> keys,
    Optional<TokenService> tokens,
    RevocationStore revocations,
    SessionRegistry sessions,
    LoginThrottle throttle,
    SecurityEvents events,
    TimestampCheck timestamps,
    Optional<RemoteKeySet> remoteKeys,
    Optional<RevocationAnswers> answers) {

  /** Builds the runtime; configuration problems surface as {@code PathAuthConfigException}. */
  public static PathAuthRuntime create(PathAuthConfig config, Clock clock) {
    TokenSettings t = config.token();
    Stores stores = Stores.of(config, clock);
    RevocationStore revocations = stores.revocations();
    SmallRyeTokenVerifier external =
        config.jwt().hasKey() && (config.uses(Mechanism.JWT) || t.enabled())
            ? new SmallRyeTokenVerifier(config.jwt(), clock)
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
              stores.refreshTokens().get(),
              revocations,
              clock,
              Duration.ofSeconds(config.jwt().clockSkewSeconds()),
              retention(config));
      verifier =
          new KeyRoutingVerifier(
              keys, config.jwt().forOwnTokens(t.issuer(), t.audience()), external);
    }
    if (verifier != null && config.verifiedTokenCacheBytes() > 0) {
      verifier =
          new CachingTokenVerifier(
              verifier, config.verifiedTokenCacheBytes(), timestamps(config, clock));
    }
    return new PathAuthRuntime(
        config,
        Optional.ofNullable(verifier),
        Optional.ofNullable(keys),
        Optional.ofNullable(tokens),
        revocations,
        new SessionRegistry(),
        stores.throttle(),
        new SecurityEvents(new AuditLog(clock, config.auditFailuresPerMinute())),
        timestamps(config, clock),
        external == null ? Optional.empty() : external.remoteKeys(),
        stores.epoch().map(RevocationAnswers::new));
  }

  /**
   * The state stores: files and memory on a single node, JCache caches in a cluster (with the
   * revocation epoch: a single node's reads are local and need none).
   */
  private record Stores(
      RevocationStore revocations,
      Supplier<RefreshTokenStore> refreshTokens,
      LoginThrottle throttle,
      Optional<RevocationEpoch> epoch) {

    static Stores of(PathAuthConfig config, Clock clock) {
      if (config.state().store() == StateSettings.Store.JCACHE) {
        return Clustered.stores(config, clock);
      }
      TokenSettings t = config.token();
      SessionSettings s = config.session();
      return new Stores(
          new FileRevocationStore(t.stateDir().resolve("revocations.txt"), clock),
          () -> new FileRefreshTokenStore(t.stateDir().resolve("refresh-tokens.txt"), clock),
          new LocalLoginThrottle(
              s.maxFailuresPerAccount(),
              s.maxFailuresPerAddress(),
              s.throttleWindowSeconds(),
              clock),
          Optional.empty());
    }
  }

  /**
   * The cluster stores ({@code pathauth.state.store=jcache}). A class of its own so that the JCache
   * API is loaded only when it is configured: a single node needs none.
   */
  private static final class Clustered {

    private Clustered() {}

    static Stores stores(PathAuthConfig config, Clock clock) {
      JCacheState caches =
          JCacheState.open(config.state().jcacheUri(), config.state().jcachePrefix());
      Duration keep = retention(config);
      SessionSettings s = config.session();
      Duration window = Duration.ofSeconds(s.throttleWindowSeconds());
      RevocationEpoch epoch = new RevocationEpoch(caches.store("revocation-epoch", keep));
      return new Stores(
          new SharedRevocationStore(
              caches.store("revoked-jti", keep), caches.store("not-before", keep), epoch, clock),
          () ->
              new SharedRefreshTokenStore(
                  caches.store("refresh-tokens", keep),
                  caches.store("revoked-families", keep),
                  caches.store("refresh-token-index", keep),
                  epoch,
                  clock),
          new SharedLoginThrottle(
              caches.store("login-failures", window),
              s.maxFailuresPerAccount(),
              s.maxFailuresPerAddress(),
              s.throttleWindowSeconds(),
              clock),
          Optional.of(epoch));
    }
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
  private static TimestampCheck timestamps(PathAuthConfig config, Clock clock) {
    return new TimestampCheck(
        config.jwt().clockSkewSeconds(), config.jwt().tokenAgeSeconds(), clock);
  }

  /** The administrator's operations, when pathauth issues tokens. */
  public Optional<AdminService> admin() {
    return tokens.map(t -> new AdminService(t, sessions, keys.orElseThrow(), events));
  }

  public boolean sessionEnded(SessionIdentity identity, Instant now) {
    Instant at = Instant.ofEpochMilli(identity.authenticatedAtMillis());
    if (at.plusSeconds(config.session().absoluteTimeoutSeconds()).isBefore(now)) {
      return true;
    }
    if (answers.isEmpty()) { // a single node: its reads are local
      return revocations.loggedOutSince(identity.name(), at);
    }
    return answers
        .get()
        .loginEnded(
            identity.name(),
            identity.authenticatedAtMillis(),
            () -> revocations.loggedOutSince(identity.name(), at));
  }

  /** The revocation step of bearer verification. */
  public RevocationCheck revocationCheck() {
    return new RevocationCheck(revocations, tokens, answers);
  }
}
