package io.pathauth.web;

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

  /** Marks the request as answered by pathauth. */
  public static void markHandled(ServletRequest request) {
    request.setAttribute(HANDLED, Boolean.TRUE);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getAttribute(HANDLED) != null) {
      return;
    }
    chain.doFilter(request, response);
  }
}
