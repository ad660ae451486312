package io.pathauth.cdi;

import io.pathauth.PathAuthException;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.identity.IdentitySource;
import io.pathauth.path.PathRule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessSyntheticAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;
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

  private static final String SMALLRYE_JWT = "io.smallrye.jwt.";

  private volatile PathAuthRuntime runtime;
  private volatile IdentitySource identitySource = IdentitySource.AUTO;
  private volatile boolean applicationHasIdentityStore;

  /**
   * Vetoes smallrye-jwt's CDI beans, which containers discover because they scan smallrye-jwt as an
   * implicit bean archive. pathauth builds its parsers from its own validated configuration and
   * produces {@code JsonWebToken} and the {@code @Claim} values itself ({@link CurrentToken},
   * {@link ClaimProducers}); smallrye's {@code PrincipalProducer} would otherwise win as a priority
   * alternative and produce an empty token.
   */
  <T> void vetoSmallryeBeans(
      @Observes @WithAnnotations({RequestScoped.class, ApplicationScoped.class, Dependent.class})
          ProcessAnnotatedType<T> event) {
    if (event.getAnnotatedType().getJavaClass().getName().startsWith(SMALLRYE_JWT)) {
      event.veto();
    }
  }

  /**
   * Notes an identity store of the application's own: a class that implements {@code IdentityStore}
   * and was loaded by the application's class loader (the one that loaded pathauth from its {@code
   * WEB-INF/lib}). Stores a server adds by itself do not count: Payara always adds an {@code
   * OpenIdIdentityStore} of its own.
   */
  <T extends IdentityStore> void applicationStore(@Observes ProcessAnnotatedType<T> event) {
    Class<T> type = event.getAnnotatedType().getJavaClass();
    boolean own =
        !(event instanceof ProcessSyntheticAnnotatedType)
            && !type.isInterface()
            && type.getClassLoader() == PathAuthExtension.class.getClassLoader();
    LOG.fine(() -> "identity store type " + type.getName() + (own ? ": the application's" : ""));
    if (own) {
      applicationHasIdentityStore = true;
    }
  }

  /** Notes a built-in identity store that the application defines (LDAP, database). */
  <T> void definedStore(
      @Observes
          @WithAnnotations({
            LdapIdentityStoreDefinition.class,
            DatabaseIdentityStoreDefinition.class
          })
          ProcessAnnotatedType<T> event) {
    applicationHasIdentityStore = true;
  }

  void validate(@Observes AfterDeploymentValidation event, BeanManager beans) {
    try {
      org.eclipse.microprofile.config.Config config =
          ConfigProvider.getConfig(PathAuthExtension.class.getClassLoader());
      PathAuthConfig c = PathAuthConfig.from(config);
      List<PathAuthConfigException> problems =
          ApplicationMechanisms.problems(c.rules(), beans, ApplicationMechanisms.handler(beans));
      if (!problems.isEmpty()) {
        throw problems.get(0);
      }
      this.identitySource = IdentitySource.from(config);
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

  /**
   * Whether the application defines an identity store of its own or by annotation: with {@code
   * pathauth.identity.store=auto}, passwords are then checked by the identity stores, otherwise by
   * the server's registry.
   */
  public boolean applicationHasIdentityStore() {
    return applicationHasIdentityStore;
  }

  /** Where passwords are checked ({@code pathauth.identity.store}), validated at deploy time. */
  public IdentitySource identitySource() {
    return identitySource;
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
