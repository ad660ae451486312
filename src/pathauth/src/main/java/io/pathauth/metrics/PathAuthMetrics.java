package io.pathauth.metrics;

import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.jwt.CachingTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * Plugs pathauth into MicroProfile Metrics when the server offers it: the security-event counters
 * ({@link SecurityMetrics}) and the verified-token cache's hit ratio, in the application registry.
 *
 * <p>The library's {@code beans.xml} excludes this package when the MP Metrics API is not on the
 * class path, so an application on a server without {@code mpMetrics} deploys without it and
 * without an error. The registry is looked up through {@link Instance} rather than injected
 * directly: an application that bundles the API without a server implementation still deploys. (On
 * Liberty the registry cannot be looked up programmatically outside CDI, hence an observer.)
 */
@ApplicationScoped
public class PathAuthMetrics {

  private static final Logger LOG = Logger.getLogger(PathAuthMetrics.class.getName());

  void register(
      @Observes @Initialized(ApplicationScoped.class) Object started,
      PathAuthExtension pathauth,
      Instance<MetricRegistry> registries) {
    if (!registries.isResolvable()) {
      LOG.fine("pathauth: MicroProfile Metrics API present but no registry; no pathauth metrics");
      return;
    }
    MetricRegistry registry = registries.get();
    pathauth.runtime().events().add(new SecurityMetrics(registry));
    pathauth
        .runtime()
        .verifier()
        .filter(CachingTokenVerifier.class::isInstance)
        .map(CachingTokenVerifier.class::cast)
        .ifPresent(
            cache ->
                registry.gauge(
                    Metadata.builder()
                        .withName("pathauth.jwt.cache.hit.ratio")
                        .withDescription("Share of bearer-token verifications answered from cache")
                        .build(),
                    cache,
                    CachingTokenVerifier::hitRatio));
    pathauth
        .runtime()
        .remoteKeys()
        .ifPresent(
            jwks -> {
              registry.gauge(
                  Metadata.builder()
                      .withName("pathauth.jwks.age.seconds")
                      .withDescription(
                          "Seconds since the identity provider's key set was last fetched"
                              + " (-1: never)")
                      .build(),
                  jwks,
                  k -> k.state().age().map(java.time.Duration::toSeconds).orElse(-1L));
              registry.gauge(
                  Metadata.builder()
                      .withName("pathauth.jwks.fetch.failures")
                      .withDescription("Failed fetches of the identity provider's key set")
                      .build(),
                  jwks,
                  k -> k.state().failures());
            });
  }
}
