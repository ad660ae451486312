package io.pathauth.web;

import io.pathauth.jwt.BearerTokenErrors;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.session.CsrfTokens;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Set;

/**
 * Enforces, after authentication and before any application code, what the request's path rule
 * decided in the mechanism: no cross-over between mechanisms, same-origin and CSRF checks on state
 * changes, and the rule's {@link AccessPolicy}. It also stops a request whose response pathauth has
 * already written (a 401/400/500 or a login redirect): containers may go on to the resource after
 * an authentication failure when no security constraint covers the URL (Liberty does, for JAX-RS
 * resources protected only by annotations); this filter, first in the chain, makes sure a rejected
 * request never runs application code.
 */
public final class PathAuthFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private static final String HANDLED = PathAuthFilter.class.getName() + ".handled";
  private static final String RULE = PathAuthFilter.class.getName() + ".rule";
  private static final String AUTHENTICATED_BY = PathAuthFilter.class.getName() + ".authenticated";

  /** Methods that must not change state; every other method is treated as state-changing. */
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final String realm;
  private final String loginPage;
  private final boolean jwtInCookie;

  /**
   * @param realm the realm for refusals
   * @param loginPage the application-relative login page
   * @param jwtInCookie whether bearer tokens travel in a cookie ({@code
   *     mp.jwt.token.header=Cookie}), which a browser sends on cross-site requests too
   */
  public PathAuthFilter(String realm, String loginPage, boolean jwtInCookie) {
    this.realm = realm;
    this.loginPage = loginPage;
    this.jwtInCookie = jwtInCookie;
  }

  /** Marks the request as answered by pathauth. */
  public static void markHandled(ServletRequest request) {
    request.setAttribute(HANDLED, Boolean.TRUE);
  }

  /** What the request's path rule decided: its mechanism and its access policy. */
  private record Decision(Mechanism mechanism, AccessPolicy access) {}

  /** Records the mechanism and access policy of the request's path rule. */
  public static void markRule(ServletRequest request, Mechanism mechanism, AccessPolicy access) {
    request.setAttribute(RULE, new Decision(mechanism, access));
  }

  /** Records that the path's own mechanism authenticated the caller. */
  public static void markAuthenticated(ServletRequest request, Mechanism mechanism) {
    request.setAttribute(AUTHENTICATED_BY, mechanism);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(HANDLED) != null) {
      return;
    }
    Decision decision =
        request.getAttribute(RULE) instanceof Decision d
            ? d
            : new Decision(Mechanism.NONE, AccessPolicy.PERMIT);
    Mechanism rule = decision.mechanism();
    boolean ownCaller = request.getAttribute(AUTHENTICATED_BY) == rule;
    if ((rule == Mechanism.JWT || rule == Mechanism.SESSION)
        && !ownCaller
        && (request.getUserPrincipal() != null || decision.access().requiresCaller())) {
      // Someone other than the path's own mechanism authenticated this request, e.g. a container
      // SSO cookie: cross-over is refused whatever the server configuration. (A policy that needs
      // a caller made the mechanism challenge already; this is the backstop.)
      challenge(request, response, rule);
      return;
    }
    if (ownCaller && !decision.access().admits(request::isUserInRole)) {
      if (rule == Mechanism.JWT) {
        AuthenticationResponses.bearer(
            request,
            response,
            realm,
            BearerTokenErrors.insufficientScope("The caller lacks a required role", null));
      } else {
        AuthenticationResponses.forbidden(request, response, "The caller lacks a required role");
      }
      return;
    }
    boolean stateChanging = !SAFE.contains(request.getMethod());
    if (rule == Mechanism.JWT && jwtInCookie && stateChanging && !SameOrigin.allows(request)) {
      AuthenticationResponses.forbidden(request, response, "Cross-site request refused");
      return;
    }
    if (rule == Mechanism.SESSION && stateChanging) {
      boolean loggedIn = request.getAttribute(AUTHENTICATED_BY) == Mechanism.SESSION;
      if (!SameOrigin.allows(request)) {
        AuthenticationResponses.forbidden(request, response, "Cross-site request refused");
        return;
      }
      if (loggedIn && !CsrfTokens.matches(request)) {
        AuthenticationResponses.forbidden(request, response, "Missing or wrong CSRF token");
        return;
      }
    }
    if (rule == Mechanism.JWT && request.getAttribute(AUTHENTICATED_BY) == Mechanism.JWT) {
      chain.doFilter(request, new ForbiddenChallenge(response, realm));
      return;
    }
    chain.doFilter(request, response);
  }

  private void challenge(HttpServletRequest request, HttpServletResponse response, Mechanism rule)
      throws IOException {
    if (rule == Mechanism.JWT) {
      AuthenticationResponses.bearer(request, response, realm, BearerTokenErrors.missing());
    } else {
      AuthenticationResponses.session(
          request, response, realm, request.getContextPath() + loginPage);
    }
  }

  /** Adds {@code insufficient_scope} to a 403 sent to a bearer-authenticated caller. */
  private static final class ForbiddenChallenge extends HttpServletResponseWrapper {
    private final String realm;

    ForbiddenChallenge(HttpServletResponse response, String realm) {
      super(response);
      this.realm = realm;
    }

    private void challenge(int status) {
      if (status == SC_FORBIDDEN) {
        AuthenticationResponses.insufficientScope((HttpServletResponse) getResponse(), realm);
      }
    }

    @Override
    public void setStatus(int status) {
      challenge(status);
      super.setStatus(status);
    }

    @Override
    public void sendError(int status) throws IOException {
      challenge(status);
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      challenge(status);
      super.sendError(status, message);
    }
  }
}
