package io.pathauth.cdi;

import io.pathauth.PathAuthException;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.jwt.SmallRyeTokenVerifier;
import io.pathauth.jwt.TokenVerifier;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathRule;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import java.util.List;
import java.util.Optional;
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
          io.smallrye.jwt.auth.cdi.RawClaimTypeProducer.class,
          io.smallrye.jwt.auth.cdi.OptionalClaimTypeProducer.class,
          io.smallrye.jwt.auth.cdi.ClaimValueProducer.class,
          io.smallrye.jwt.auth.cdi.JsonValueProducer.class,
          io.smallrye.jwt.auth.cdi.CommonJwtProducer.class);

  private volatile PathAuthConfig config;
  private volatile TokenVerifier verifier;

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
      TokenVerifier v = c.uses(Mechanism.JWT) ? new SmallRyeTokenVerifier(c.jwt()) : null;
      this.config = c;
      this.verifier = v;
      LOG.info(() -> "pathauth: " + describe(c));
    } catch (PathAuthException e) {
      LOG.severe(e.getMessage());
      event.addDeploymentProblem(e);
    }
  }

  /** The validated configuration. */
  public PathAuthConfig config() {
    PathAuthConfig c = config;
    if (c == null) {
      throw new IllegalStateException("pathauth configuration was not loaded");
    }
    return c;
  }

  /** The token verifier, present when any path uses the jwt mechanism. */
  public Optional<TokenVerifier> verifier() {
    return Optional.ofNullable(verifier);
  }

  private static String describe(PathAuthConfig c) {
    String rules =
        c.rules().stream().map(PathAuthExtension::describe).collect(Collectors.joining("; "));
    return "rules [" + rules + "], default " + c.defaultMechanism().configName();
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
