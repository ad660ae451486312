package io.pathauth.health;

import io.pathauth.cdi.PathAuthExtension;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.Readiness;

/**
 * Publishes {@link PathAuthReadiness} at the server's {@code /health/ready} when the server offers
 * MicroProfile Health. The library's {@code beans.xml} excludes this package when the MP Health API
 * is not on the class path, so an application on a server without {@code mpHealth} deploys without
 * it and without an error; no application code is needed either way.
 */
@ApplicationScoped
public class PathAuthHealth {

  @Produces
  @Readiness
  @ApplicationScoped
  HealthCheck pathauthReadiness(PathAuthExtension pathauth) {
    return new PathAuthReadiness(pathauth.runtime());
  }
}
