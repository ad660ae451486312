package io.pathauth.health;

import io.pathauth.cdi.PathAuthRuntime;
import io.pathauth.jwt.RemoteKeySet;
import io.pathauth.path.Mechanism;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * pathauth's readiness for MicroProfile Health: the verification keys (and, when pathauth issues
 * tokens, its signing key) are loaded, and the revocation store answers (for {@code
 * pathauth.state.store=jcache}: the cluster is reachable). Published by {@link PathAuthHealth} when
 * the server has MicroProfile Health.
 */
public final class PathAuthReadiness implements HealthCheck {

  /** The {@code jti} looked up to probe the revocation store; never a real token's. */
  static final String PROBE = "pathauth-readiness-probe";

  private final PathAuthRuntime runtime;

  public PathAuthReadiness(PathAuthRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder r = HealthCheckResponse.named("pathauth");
    boolean keys =
        (!runtime.config().uses(Mechanism.JWT) || runtime.verifier().isPresent())
            && (runtime.tokens().isEmpty()
                || runtime.keys().map(k -> k.signer() != null).orElse(false));
    r.withData("keys", keys ? "loaded" : "missing");
    if (runtime.remoteKeys().isPresent()) {
      // an identity provider's key set: not ready until one was fetched; held through an outage
      // (ready, but reported stale once older than pathauth.jwt.jwks.stale-after)
      RemoteKeySet jwks = runtime.remoteKeys().get();
      jwks.ensureLoaded();
      RemoteKeySet.State state = jwks.state();
      keys = keys && state.loaded();
      r.withData("jwks", !state.loaded() ? "missing" : state.stale() ? "stale" : "fresh");
      state.age().ifPresent(age -> r.withData("jwksAgeSeconds", age.toSeconds()));
      r.withData("jwksKeys", state.keys());
      state.lastError().ifPresent(e -> r.withData("jwksLastError", e));
    }
    boolean store;
    try {
      runtime.revocations().isRevoked(PROBE);
      store = true;
    } catch (RuntimeException e) {
      store = false;
    }
    r.withData("revocationStore", store ? "reachable" : "unreachable");
    r.withData(
        "stateStore", runtime.config().state().store().name().toLowerCase(java.util.Locale.ROOT));
    return r.status(keys && store).build();
  }
}
