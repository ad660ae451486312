package io.pathauth.cdi;

import io.pathauth.PathAuthException;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.path.PathRule;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads and validates pathauth's configuration once, while the application deploys. An invalid
 * configuration is a CDI deployment problem: the application does not start, and the message names
 * the bad key. There is no fallback to "no authentication".
 */
public class PathAuthExtension implements Extension {

  private static final Logger LOG = Logger.getLogger(PathAuthExtension.class.getName());

  /**
   * smallrye-jwt's {@code @Claim} producers. smallrye-jwt normally registers them with its own CDI
   * extension, which would also register a second authentication mechanism; pathauth registers just
   * the producers.
   */
  private static final List<Class<?>> CLAIM_PRODUCERS =
      List.of(
          io.smallrye.jwt.auth.cdi.PrincipalProducer.class,
          io.smallrye.jwt.auth.cdi.RawClaimTypeProducer.class,
          io.smallrye.jwt.auth.cdi.OptionalClaimTypeProducer.class,
          io.smallrye.jwt.auth.cdi.ClaimValueProducer.class,
          io.smallrye.jwt.auth.cdi.JsonValueProducer.class,
          io.smallrye.jwt.auth.cdi.CommonJwtProducer.class);

  private volatile PathAuthRuntime runtime;

  void registerClaimProducers(@Observes BeforeBeanDiscovery event, BeanManager beans) {
    for (Class<?> producer : CLAIM_PRODUCERS) {
      event.addAnnotatedType(beans.createAnnotatedType(producer), "pathauth:" + producer.getName());
    }
  }

  <T> void vetoDiscoveredCopies(@Observes ProcessAnnotatedType<T> event) {
    if (!(event instanceof ProcessSyntheticAnnotatedType)
        && CLAIM_PRODUCERS.contains(event.getAnnotatedType().getJavaClass())) {
      event.veto();
    }
  }

  void validate(@Observes AfterDeploymentValidation event) {
    try {
      PathAuthConfig c =
          PathAuthConfig.from(ConfigProvider.getConfig(PathAuthExtension.class.getClassLoader()));
      this.runtime = PathAuthRuntime.create(c, Clock.systemUTC());
      LOG.info(() -> "pathauth: " + describe(c));
    } catch (PathAuthException e) {
      LOG.severe(e.getMessage());
      event.addDeploymentProblem(e);
    }
  }

  /** What pathauth built from the validated configuration. */
  public PathAuthRuntime runtime() {
    PathAuthRuntime r = runtime;
    if (r == null) {
      throw new IllegalStateException("pathauth configuration was not loaded");
    }
    return r;
  }

  /** The validated configuration. */
  public PathAuthConfig config() {
    return runtime().config();
  }

  private static String describe(PathAuthConfig c) {
    String rules =
        c.rules().stream().map(PathAuthExtension::describe).collect(Collectors.joining("; "));
    return "rules ["
        + rules
        + "], default "
        + c.defaultMechanism().configName()
        + c.token().issuer().map(i -> ", issuing tokens as " + i).orElse("");
  }

  private static String describe(PathRule r) {
    return r.name()
        + " "
        + r.patterns()
        + (r.methods().isEmpty() ? "" : " " + r.methods())
        + " -> "
        + r.mechanism().configName();
  }
}
