package io.pathauth.http;

import jakarta.servlet.http.HttpServletRequest;

/** Whether a request comes from a browser navigating, or from a script that wants a status code. */
public enum ClientKind {
  BROWSER,
  SCRIPT;

  /**
   * A request is from a script when it sends {@code X-Requested-With}, or accepts JSON and not
   * HTML.
   */
  public static ClientKind of(HttpServletRequest request) {
    if (request.getHeader("X-Requested-With") != null) {
      return SCRIPT;
    }
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
      return SCRIPT;
    }
    return BROWSER;
  }
}
