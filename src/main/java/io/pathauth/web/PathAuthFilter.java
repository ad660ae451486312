package io.pathauth.web;

import io.pathauth.jwt.BearerTokenErrors;
import io.pathauth.path.Mechanism;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Stops a request whose response pathauth has already written (a 401/400/500 or a login redirect).
 * Containers may go on to the resource after an authentication failure when no security constraint
 * covers the URL (Liberty does, for JAX-RS resources protected only by annotations); this filter,
 * first in the chain, makes sure a rejected request never runs application code.
 */
public final class PathAuthFilter extends HttpFilter {
  private static final long serialVersionUID = 1L;

  private static final String HANDLED = PathAuthFilter.class.getName() + ".handled";
  private static final String RULE = PathAuthFilter.class.getName() + ".mechanism";
  private static final String AUTHENTICATED_BY = PathAuthFilter.class.getName() + ".authenticated";

  private final String realm;
  private final String loginPage;

  /**
   * @param realm the realm for refusals
   * @param loginPage the application-relative login page
   */
  public PathAuthFilter(String realm, String loginPage) {
    this.realm = realm;
    this.loginPage = loginPage;
  }

  /** Marks the request as answered by pathauth. */
  public static void markHandled(ServletRequest request) {
    request.setAttribute(HANDLED, Boolean.TRUE);
  }

  /** Records which mechanism the request's path rule selected. */
  public static void markRule(ServletRequest request, Mechanism mechanism) {
    request.setAttribute(RULE, mechanism);
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
    Object rule = request.getAttribute(RULE);
    if ((rule == Mechanism.JWT || rule == Mechanism.SESSION)
        && request.getAttribute(AUTHENTICATED_BY) != rule
        && request.getUserPrincipal() != null) {
      // Someone other than the path's own mechanism authenticated this request, e.g. a container
      // SSO cookie: cross-over is refused whatever the server configuration.
      if (rule == Mechanism.JWT) {
        AuthenticationResponses.bearer(request, response, realm, BearerTokenErrors.missing());
      } else {
        AuthenticationResponses.session(
            request, response, realm, request.getContextPath() + loginPage);
      }
      return;
    }
    chain.doFilter(request, response);
  }
}
