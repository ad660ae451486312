package io.pathauth.demo.web;

import io.pathauth.audit.SecurityMetrics;
import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.health.PathAuthReadiness;
import io.pathauth.jwt.CachingTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;

/**
 * The demo runs with the server's mpHealth and mpMetrics, so it plugs pathauth into both: its
 * readiness at {@code /health/ready}, and its security-event counters at {@code /metrics}. (The
 * library needs neither feature; an application without them leaves this out.)
 */
@ApplicationScoped
public class DemoObservability {

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck pathauth(PathAuthExtension pathauth) {
    return new PathAuthReadiness(pathauth.runtime());
  }

  void countSecurityEvents(
      @Observes @Initialized(ApplicationScoped.class) Object started,
      PathAuthExtension pathauth,
      MetricRegistry registry) {
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
  }
}
