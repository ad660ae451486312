package io.pathauth.mechanism;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.cdi.ApplicationMechanisms;
import io.pathauth.config.SessionSettings;
import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.Outcome;
import io.pathauth.http.Refusal;
import io.pathauth.http.RequestState;
import io.pathauth.identity.ServerRegistryPasswords;
import io.pathauth.jwt.BearerAuthentication;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.session.SessionAuthentication;
import io.pathauth.state.StateOutages;
import io.pathauth.state.StateUnavailableException;
import io.pathauth.web.PathAuthWiring;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContextWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's one {@link HttpAuthenticationMechanism}. For each request it finds the path
 * rule and delegates to the session mechanism, the bearer mechanism, nothing, or (Jakarta Security
 * 4.0, {@code mechanism=application}) a mechanism bean of the application named by its qualifier,
 * which the handler of {@code io.pathauth:pathauth-ee11} lets sit next to this one.
 */
@ApplicationScoped
public class PathAuthMechanism implements HttpAuthenticationMechanism {

  /** The qualifier of the application mechanism this request was delegated to, if any. */
  private static final String DELEGATE_ATTRIBUTE = "io.pathauth.delegate";

  @Inject PathAuthWiring wiring;

  private PathMatcher matcher;
  private SessionSettings sessionSettings;
  private SessionAuthentication session;
  private BearerAuthentication bearer;
  private boolean serverRegistry;
  private String realm;

  /** The application's mechanism beans of mechanism=application rules, by qualifier. */
  private final Map<String, HttpAuthenticationMechanism> delegates = new ConcurrentHashMap<>();

  /** For CDI. */
  public PathAuthMechanism() {}

  /** With its flows given (unit tests); CDI builds them from {@link PathAuthWiring} instead. */
  PathAuthMechanism(
      PathMatcher matcher,
      SessionSettings sessionSettings,
      SessionAuthentication session,
      BearerAuthentication bearer,
      boolean serverRegistry,
      String realm) {
    this.realm = realm;
    this.matcher = matcher;
    this.sessionSettings = sessionSettings;
    this.session = session;
    this.bearer = bearer;
    this.serverRegistry = serverRegistry;
  }

  @PostConstruct
  void init() {
    matcher = wiring.matcher();
    sessionSettings = wiring.sessionSettings();
    session = wiring.session();
    bearer = wiring.bearer().orElse(null);
    serverRegistry = wiring.serverRegistry();
    realm = wiring.realm();
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
      if (mechanism == Mechanism.APPLICATION) {
        request.setAttribute(DELEGATE_ATTRIBUTE, match.rule().qualifier());
      }
    }
    Outcome outcome;
    if (access.kind() == AccessPolicy.Kind.DENY) {
      // refused before any authentication: no credential could change the answer
      outcome = Outcome.refused(new Refusal.Forbidden("Access denied"));
    } else {
      boolean callerRequired = access.requiresCaller();
      try {
        outcome =
            switch (mechanism) {
              case SESSION -> session.validate(path, callerRequired, request, ctx);
              case JWT -> bearer.validate(callerRequired, request, ctx);
              case NONE -> Outcome.of(ctx.doNothing());
              case APPLICATION ->
                  Outcome.of(
                      application(match.rule().qualifier())
                          .validateRequest(request, response, demanding(ctx, callerRequired)));
            };
      } catch (StateUnavailableException e) {
        // a revocation, forced-logout or throttle check could not be made: not a bad credential
        // (401) and not a broken configuration (500); nothing is let through unchecked
        StateOutages.report(e);
        outcome = Outcome.refused(new Refusal.Unavailable());
      }
    }
    Optional<Refusal> refusal = outcome.refusal();
    if (refusal.isPresent()) {
      try {
        AuthenticationResponses.refuse(request, response, realm, refusal.get());
      } catch (IOException e) {
        throw new AuthenticationException("pathauth: could not write the response", e);
      }
    } else if (outcome.status() == AuthenticationStatus.SUCCESS) {
      state.authenticated();
    }
    return outcome.status();
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx)
      throws AuthenticationException {
    String qualifier = (String) request.getAttribute(DELEGATE_ATTRIBUTE);
    if (qualifier != null) {
      return application(qualifier).secureResponse(request, response, ctx);
    }
    return HttpAuthenticationMechanism.super.secureResponse(request, response, ctx);
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
    String qualifier = (String) request.getAttribute(DELEGATE_ATTRIBUTE);
    if (qualifier != null) {
      application(qualifier).cleanSubject(request, response, ctx);
      return;
    }
    if (RequestState.of(request).mechanism() == Mechanism.SESSION) {
      session.logout(request);
    }
    HttpAuthenticationMechanism.super.cleanSubject(request, response, ctx);
  }

  /**
   * The application's mechanism bean for a {@code mechanism=application} rule (Jakarta Security
   * 4.0; the extension checked at deployment that it exists). Looked up once per qualifier, not per
   * request: a normal-scoped bean's reference is its proxy, and a dependent one lives as long as
   * this mechanism, as if injected.
   */
  private HttpAuthenticationMechanism application(String qualifier) {
    return delegates.computeIfAbsent(
        qualifier, q -> ApplicationMechanisms.reference(CDI.current().getBeanManager(), q));
  }

  /**
   * The context the application's mechanism sees: when the rule's policy needs a caller, the
   * request counts as protected, so the mechanism challenges (BASIC's 401) instead of letting an
   * anonymous caller through to be refused later without one.
   */
  private static HttpMessageContext demanding(HttpMessageContext ctx, boolean callerRequired) {
    if (!callerRequired || ctx.isProtected()) {
      return ctx;
    }
    return new HttpMessageContextWrapper(ctx) {
      @Override
      public boolean isProtected() {
        return true;
      }
    };
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
