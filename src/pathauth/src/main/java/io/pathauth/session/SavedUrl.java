package io.pathauth.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The page a browser asked for before it was sent to log in, kept in a short-lived cookie of the
 * browser rather than in an {@code HttpSession}: an anonymous request must cost the server no
 * memory, or a million requests without a cookie would hold a million sessions for the idle timeout
 * (and a pre-login session would be one more thing to fixate). The value is only a hint: the login
 * checks that it is a path of this application before it redirects there.
 */
final class SavedUrl {

  static final String COOKIE = "pathauth-saved-url";

  /** Long enough to fill in the login form; the cookie is dropped at the login anyway. */
  private static final int MAX_AGE_SECONDS = 600;

  /** Longer URLs are not remembered (browsers limit a cookie to about 4 KB). */
  private static final int MAX_LENGTH = 2048;

  private SavedUrl() {}

  /** Remembers {@code url} for the login that follows. */
  static void remember(HttpServletRequest request, HttpServletResponse response, String url) {
    if (response == null || url.length() > MAX_LENGTH) {
      return;
    }
    String value =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(url.getBytes(StandardCharsets.UTF_8));
    response.addCookie(cookie(request, value, MAX_AGE_SECONDS));
  }

  /** The remembered URL, if any; the cookie is cleared. */
  static Optional<String> take(HttpServletRequest request, HttpServletResponse response) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie c : cookies) {
      if (COOKIE.equals(c.getName())) {
        if (response != null) {
          response.addCookie(cookie(request, "", 0));
        }
        try {
          return Optional.of(
              new String(Base64.getUrlDecoder().decode(c.getValue()), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notBase64) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  private static Cookie cookie(HttpServletRequest request, String value, int maxAge) {
    Cookie c = new Cookie(COOKIE, value);
    String context = request.getContextPath();
    c.setPath(context == null || context.isEmpty() ? "/" : context);
    c.setHttpOnly(true);
    c.setSecure(request.isSecure() || sessionCookieSecure(request));
    c.setAttribute("SameSite", "Lax");
    c.setMaxAge(maxAge);
    return c;
  }

  /** Secure whenever the server marks its session cookie secure (TLS ended at a proxy). */
  private static boolean sessionCookieSecure(HttpServletRequest request) {
    try {
      return request.getServletContext().getSessionCookieConfig().isSecure();
    } catch (RuntimeException | LinkageError noContext) {
      return false;
    }
  }
}
