package io.pathauth.web;

import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.BearerTokenErrors;
import io.pathauth.http.Refusal;
import io.pathauth.http.RequestState;
import io.pathauth.http.SameOrigin;
import io.pathauth.path.Mechanism;
import io.pathauth.session.CsrfTokens;
import io.pathauth.state.StateOutages;
import io.pathauth.state.StateUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
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

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    RequestState state = RequestState.of(request);
    if (state.handled()) {
      return;
    }
    Mechanism rule = state.mechanism();
    boolean ownCaller = state.authenticatedByOwnMechanism();
    if ((rule == Mechanism.JWT || rule == Mechanism.SESSION)
        && !ownCaller
        && (request.getUserPrincipal() != null || state.access().requiresCaller())) {
      // Someone other than the path's own mechanism authenticated this request, e.g. a container
      // SSO cookie: cross-over is refused whatever the server configuration. (A policy that needs
      // a caller made the mechanism challenge already; this is the backstop.)
      challenge(request, response, rule);
      return;
    }
    if (ownCaller && !state.access().admits(request::isUserInRole)) {
      if (rule == Mechanism.JWT) {
        AuthenticationResponses.refuse(
            request,
            response,
            realm,
            new Refusal.BearerChallenge(
                BearerTokenErrors.insufficientScope("The caller lacks a required role", null)));
      } else {
        AuthenticationResponses.refuse(
            request, response, realm, new Refusal.Forbidden("The caller lacks a required role"));
      }
      return;
    }
    boolean stateChanging = !SAFE.contains(request.getMethod());
    if (rule == Mechanism.JWT && jwtInCookie && stateChanging && !SameOrigin.allows(request)) {
      AuthenticationResponses.refuse(
          request, response, realm, new Refusal.Forbidden("Cross-site request refused"));
      return;
    }
    if (rule == Mechanism.SESSION && stateChanging) {
      boolean loggedIn = ownCaller;
      if (!SameOrigin.allows(request)) {
        AuthenticationResponses.refuse(
            request, response, realm, new Refusal.Forbidden("Cross-site request refused"));
        return;
      }
      if (loggedIn && !CsrfTokens.matches(request)) {
        AuthenticationResponses.refuse(
            request, response, realm, new Refusal.Forbidden("Missing or wrong CSRF token"));
        return;
      }
    }
    try {
      if (rule == Mechanism.JWT && ownCaller) {
        chain.doFilter(request, new ForbiddenChallenge(response, realm));
      } else {
        chain.doFilter(request, response);
      }
    } catch (StateUnavailableException e) {
      // pathauth's own servlets (token endpoint, logouts, admin) could not write a revocation or
      // a refresh token: 503, not a 500 and not a success that would not last (the change holds in
      // memory; the client retries)
      StateOutages.report(e);
      if (response.isCommitted()) {
        throw e;
      }
      response.reset();
      AuthenticationResponses.refuse(request, response, realm, new Refusal.Unavailable());
    }
  }

  private void challenge(HttpServletRequest request, HttpServletResponse response, Mechanism rule)
      throws IOException {
    if (rule == Mechanism.JWT) {
      AuthenticationResponses.refuse(
          request, response, realm, new Refusal.BearerChallenge(BearerTokenErrors.missing()));
    } else {
      AuthenticationResponses.refuse(
          request,
          response,
          realm,
          new Refusal.LoginRequired(request.getContextPath() + loginPage));
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
