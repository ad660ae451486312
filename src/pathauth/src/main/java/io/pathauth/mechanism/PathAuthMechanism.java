package io.pathauth.mechanism;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.cdi.CurrentToken;
import io.pathauth.cdi.PasswordChecks;
import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.cdi.PathAuthRuntime;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.SessionSettings;
import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.RequestState;
import io.pathauth.identity.ServerRegistryPasswords;
import io.pathauth.jwt.BearerAuthentication;
import io.pathauth.jwt.BearerVerification;
import io.pathauth.jwt.DefaultBearerTokenResolver;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.session.PasswordLogin;
import io.pathauth.session.SessionAuthentication;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The application's one {@link HttpAuthenticationMechanism}. For each request it finds the path
 * rule and delegates to the session mechanism, the bearer mechanism, or nothing.
 */
@ApplicationScoped
public class PathAuthMechanism implements HttpAuthenticationMechanism {

  @Inject PathAuthExtension extension;
  @Inject PasswordChecks passwords;
  @Inject CurrentToken currentToken;

  private PathMatcher matcher;
  private SessionSettings sessionSettings;
  private SessionAuthentication session;
  private BearerAuthentication bearer;
  private boolean serverRegistry;

  @PostConstruct
  void init() {
    PathAuthRuntime runtime = extension.runtime();
    PathAuthConfig config = runtime.config();
    matcher = config.matcher();
    sessionSettings = config.session();
    serverRegistry = passwords.serverRegistry();
    // Callers of the server's registry: session logins, and the tokens pathauth issued to them.
    Optional<String> ownIssuer = config.token().issuer();
    Predicate<JsonWebToken> registryUser =
        jwt -> serverRegistry && ownIssuer.isPresent() && ownIssuer.get().equals(jwt.getIssuer());
    session =
        new SessionAuthentication(
            config.session(),
            config.realm(),
            new PasswordLogin(passwords.check(), runtime.throttle(), runtime.events()),
            serverRegistry,
            Clock.systemUTC(),
            runtime::sessionEnded);
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
                            runtime::revoked),
                        this::requestToken,
                        registryUser,
                        runtime.events()))
            .orElse(null);
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx)
      throws AuthenticationException {
    String path = pathOf(request);
    PathMatcher.Match match = matcher.match(path, request.getMethod());
    Mechanism mechanism = match.mechanism();
    AccessPolicy access = match.access();
    if (mechanism == Mechanism.SESSION && sessionSettings.isLoginPath(path)) {
      access = AccessPolicy.PERMIT; // the way in is open to everyone, whatever the rule demands
    }
    RequestState state = RequestState.decide(request, mechanism, access);
    if (serverRegistry && "POST".equals(request.getMethod())) {
      // the form login and the password grant check passwords through the container's handler
      ServerRegistryPasswords.offer(request, ctx.getHandler());
    }
    if (match.rule() != null) {
      request.setAttribute(SecurityEvent.RULE_ATTRIBUTE, match.rule().name());
    }
    try {
      if (access.kind() == AccessPolicy.Kind.DENY) {
        // refused before any authentication: no credential could change the answer
        AuthenticationResponses.forbidden(request, response, "Access denied");
        return AuthenticationStatus.SEND_FAILURE;
      }
      boolean callerRequired = access.requiresCaller();
      AuthenticationStatus status =
          switch (mechanism) {
            case SESSION -> session.validate(path, callerRequired, request, response, ctx);
            case JWT -> bearer.validate(callerRequired, request, response, ctx);
            case NONE -> ctx.doNothing();
          };
      if (status == AuthenticationStatus.SUCCESS) {
        state.authenticated();
      }
      return status;
    } catch (IOException e) {
      throw new AuthenticationException("pathauth: could not write the response", e);
    }
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

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
    if (RequestState.of(request).mechanism() == Mechanism.SESSION) {
      session.logout(request);
    }
    HttpAuthenticationMechanism.super.cleanSubject(request, response, ctx);
  }

  /**
   * The container-normalised path inside the application ({@code servletPath + pathInfo}). The one
   * exception is the FORM login action: containers route {@code .../j_security_check} to a built-in
   * handler whose servlet path is just {@code /j_security_check} (Liberty does), so its path is
   * taken from the request URI, which must then be plain (no path parameters, no encoding).
   */
  static String pathOf(HttpServletRequest request) {
    String uri = request.getRequestURI();
    if (uri != null && uri.endsWith(SessionAuthentication.LOGIN_ACTION)) {
      String context = request.getContextPath();
      if (uri.startsWith(context + "/")
          && uri.indexOf(';') < 0
          && uri.indexOf('%') < 0
          && !uri.contains("/.")
          && !uri.contains("//")) {
        return uri.substring(context.length());
      }
    }
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? "/" : path;
  }
}
