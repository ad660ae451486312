package io.pathauth.http;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;

/**
 * Fetch-metadata and {@code Origin} checks for state-changing requests (OWASP CSRF cheat sheet): a
 * browser that says the request is cross-site, or names another origin, is refused. Clients that
 * send neither header (curl, server-to-server) are not browsers and pass this check.
 */
public final class SameOrigin {

  private SameOrigin() {}

  /** Whether the request may come from this application's own pages. */
  public static boolean allows(HttpServletRequest request) {
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      String s = site.toLowerCase(Locale.ROOT);
      if (!s.equals("same-origin") && !s.equals("none")) {
        return false;
      }
    }
    String origin = request.getHeader("Origin");
    if (origin == null) {
      return true;
    }
    String host = request.getHeader("Host");
    try {
      URI o = URI.create(origin);
      if (o.getHost() == null || host == null) {
        return false; // "Origin: null" and other opaque origins
      }
      String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
      return authority.equalsIgnoreCase(host) || withDefaultPort(o).equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String withDefaultPort(URI o) {
    int port =
        o.getPort() >= 0 ? o.getPort() : ("https".equalsIgnoreCase(o.getScheme()) ? 443 : 80);
    return o.getHost() + ":" + port;
  }
}
