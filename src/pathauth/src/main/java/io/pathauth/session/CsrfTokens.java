package io.pathauth.session;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The session's synchronizer token. Created at login; pages put it in forms and a {@code <meta
 * name="csrf-token">} tag, scripts send it in the {@code X-CSRF-Token} header.
 */
public final class CsrfTokens {

  /** The session attribute holding the token. */
  public static final String ATTRIBUTE = "io.pathauth.session.csrf";

  /** The request header scripts send it in. */
  public static final String HEADER = "X-CSRF-Token";

  /** The form field forms send it in. */
  public static final String PARAMETER = "csrf_token";

  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfTokens() {}

  /** Creates a fresh token in the session (at login). */
  static void create(HttpSession session) {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    session.setAttribute(ATTRIBUTE, Base64.getUrlEncoder().withoutPadding().encodeToString(b));
  }

  /** The session's token, or null. */
  public static String of(HttpSession session) {
    Object t = session == null ? null : session.getAttribute(ATTRIBUTE);
    return t instanceof String s ? s : null;
  }

  /**
   * Whether the request carries the session's token (header or form field), compared in constant
   * time.
   */
  public static boolean matches(HttpServletRequest request) {
    String expected = of(request.getSession(false));
    String actual = request.getHeader(HEADER);
    if (actual == null) {
      actual = request.getParameter(PARAMETER);
    }
    return expected != null
        && actual != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            actual.getBytes(StandardCharsets.US_ASCII));
  }
}
