package io.pathauth.web;

import io.pathauth.admin.AdminServlet;
import io.pathauth.cdi.CurrentToken;
import io.pathauth.cdi.PasswordChecks;
import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.cdi.PathAuthRuntime;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.SessionSettings;
import io.pathauth.config.TokenSettings;
import io.pathauth.issuer.web.BearerLogoutServlet;
import io.pathauth.issuer.web.JwksServlet;
import io.pathauth.issuer.web.TokenEndpoint;
import io.pathauth.jwt.BearerAuthentication;
import io.pathauth.jwt.BearerVerification;
import io.pathauth.jwt.DefaultBearerTokenResolver;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.session.LogoutServlet;
import io.pathauth.session.PasswordLogin;
import io.pathauth.session.SessionAuthentication;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletSecurityElement;
import java.util.EnumSet;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The composition root: every piece of pathauth that serves requests is built here, once, with
 * constructor injection, from the runtime the CDI extension made at deploy time and the password
 * check chosen for the application. The mechanism takes its flows from here, and {@link
 * PathAuthWebListener} has it register the filter and the endpoints.
 */
@ApplicationScoped
public class PathAuthWiring {

  @Inject PathAuthExtension extension;
  @Inject PasswordChecks passwords;
  @Inject CurrentToken currentToken;

  private PathAuthRuntime runtime;
  private PathMatcher matcher;
  private boolean serverRegistry;
  private PasswordLogin login;
  private SessionAuthentication session;
  private BearerAuthentication bearer;
  private PathAuthFilter filter;

  @PostConstruct
  void init() {
    runtime = extension.runtime();
    PathAuthConfig config = runtime.config();
    matcher = config.matcher();
    serverRegistry = passwords.serverRegistry();
    login = new PasswordLogin(passwords.check(), runtime.throttle(), runtime.events());
    session =
        new SessionAuthentication(
            config.session(),
            login,
            serverRegistry,
            runtime.timestamps().clock(),
            runtime::sessionEnded);
    // Callers of the server's registry: session logins, and the tokens pathauth issued to them.
    Optional<String> ownIssuer = config.token().issuer();
    Predicate<JsonWebToken> registryUser =
        jwt -> serverRegistry && ownIssuer.isPresent() && ownIssuer.get().equals(jwt.getIssuer());
    bearer =
        runtime
            .verifier()
            .map(
                v ->
                    new BearerAuthentication(
                        config.realm(),
                        new BearerVerification(
                            new DefaultBearerTokenResolver(config.jwt()),
                            v,
                            runtime.timestamps(),
                            runtime.revocationCheck()),
                        this::requestToken,
                        registryUser,
                        runtime.events()))
            .orElse(null);
    filter =
        new PathAuthFilter(
            config.realm(), config.session().loginPage(), config.jwt().tokenInCookie());
  }

  /** The path matcher: the per-path decision. */
  public PathMatcher matcher() {
    return matcher;
  }

  /** The session feature's settings (login and error pages, among others). */
  public SessionSettings sessionSettings() {
    return runtime.config().session();
  }

  /** The realm of every challenge. */
  public String realm() {
    return runtime.config().realm();
  }

  /** Whether passwords, and so callers, come from the server's own registry. */
  public boolean serverRegistry() {
    return serverRegistry;
  }

  /** The FORM + session flow. */
  public SessionAuthentication session() {
    return session;
  }

  /** The bearer flow, when a verification key or pathauth's own issuer is configured. */
  public Optional<BearerAuthentication> bearer() {
    return Optional.ofNullable(bearer);
  }

  /**
   * The verified token of the request this thread is processing; null outside a request, where the
   * request context is not active.
   */
  private JsonWebToken requestToken() {
    try {
      return currentToken.verified();
    } catch (ContextNotActiveException e) {
      return null;
    }
  }

  /** Registers the filter, the session registry and the endpoints with the application. */
  void register(ServletContext context) {
    PathAuthConfig config = runtime.config();
    context
        .addFilter("pathauth", filter)
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    context.addListener(runtime.sessions());
    // Roles named only in path rules are roles of the application too: declared, isUserInRole
    // answers for them as for roles the application declares itself.
    String[] ruleRoles =
        config.rules().stream()
            .flatMap(r -> r.access().roles().stream())
            .distinct()
            .toArray(String[]::new);
    if (ruleRoles.length > 0) {
      context.declareRoles(ruleRoles);
    }
    if (config.uses(Mechanism.SESSION)) {
      context
          .addServlet(
              "pathauth-logout",
              new LogoutServlet(config.session().logoutRedirect(), runtime.events()))
          .addMapping(config.session().logoutPath());
    }
    if (runtime.tokens().isPresent()) {
      TokenSettings t = config.token();
      context
          .addServlet(
              "pathauth-token",
              new TokenEndpoint(
                  runtime.tokens().get(),
                  login,
                  id -> runtime.sessionEnded(id, runtime.timestamps().clock().instant()),
                  runtime.events()))
          .addMapping(t.tokenPath());
      context
          .addServlet(
              "pathauth-bearer-logout",
              new BearerLogoutServlet(runtime.tokens().get(), config.realm(), runtime.events()))
          .addMapping(t.logoutPath());
      context
          .addServlet("pathauth-jwks", new JwksServlet(runtime.keys().orElseThrow()))
          .addMapping(t.jwksPath());
      context.declareRoles(t.adminRole());
      var admin =
          context.addServlet("pathauth-admin", new AdminServlet(runtime.admin().orElseThrow()));
      admin.addMapping(t.adminPath() + "/*");
      admin.setServletSecurity(
          new ServletSecurityElement(
              new HttpConstraintElement(
                  jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE,
                  t.adminRole())));
    }
  }
}
