package io.pathauth.jwt;

import io.pathauth.config.JwtSettings;
import io.pathauth.http.BearerTokenErrors;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Optional;

/**
 * Strict RFC 6750 resolver. With {@code mp.jwt.token.header=Authorization} (the default) it reads
 * exactly one {@code Authorization: Bearer <b64token>} header; with {@code Cookie} it reads the
 * cookie named by {@code mp.jwt.token.cookie}. Two tokens in one request, or an {@code
 * access_token} query parameter (which pathauth never accepts, RFC 6750 §5.3), are a 400 {@code
 * invalid_request}.
 */
public final class DefaultBearerTokenResolver implements BearerTokenResolver {

  private static final String BEARER = "bearer";

  private final boolean cookie;
  private final String cookieName;
  private final int maxLength;
  private final boolean encrypted;

  public DefaultBearerTokenResolver(JwtSettings settings) {
    this(
        settings.tokenInCookie(),
        settings.tokenCookie(),
        settings.maxTokenLength(),
        settings.decryption().isPresent());
  }

  public DefaultBearerTokenResolver(boolean cookie, String cookieName, int maxLength) {
    this(cookie, cookieName, maxLength, false);
  }

  /**
   * @param encrypted whether encrypted tokens (compact JWE, five segments) are accepted too
   */
  public DefaultBearerTokenResolver(
      boolean cookie, String cookieName, int maxLength, boolean encrypted) {
    this.cookie = cookie;
    this.cookieName = cookieName;
    this.maxLength = maxLength;
    this.encrypted = encrypted;
  }

  @Override
  public Optional<String> resolve(HttpServletRequest request) {
    if (hasQueryToken(request.getQueryString())) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidRequest("Tokens are not accepted in the query string"));
    }
    return cookie ? fromCookie(request) : fromHeader(request);
  }

  /**
   * Credentials of another scheme (Basic, Digest, ...) are refused on jwt paths with a bare Bearer
   * challenge, never ignored: a container must not get to process them (Liberty answers a malformed
   * Basic header with a 500).
   */
  private static InvalidBearerTokenException otherScheme() {
    return new InvalidBearerTokenException(BearerTokenErrors.missing());
  }

  private Optional<String> fromHeader(HttpServletRequest request) {
    Enumeration<String> headers = request.getHeaders("Authorization");
    if (headers == null || !headers.hasMoreElements()) {
      return Optional.empty();
    }
    String header = headers.nextElement();
    if (headers.hasMoreElements()) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidRequest("More than one Authorization header"));
    }
    if (header.length() < BEARER.length()
        || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw otherScheme();
    }
    if (header.length() == BEARER.length()) {
      throw invalid("Empty bearer token");
    }
    if (header.charAt(BEARER.length()) != ' ') {
      throw otherScheme(); // e.g. "BearerX": not the Bearer scheme
    }
    String token = header.substring(BEARER.length()).stripLeading();
    return Optional.of(check(token));
  }

  private Optional<String> fromCookie(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization != null
        && !authorization.regionMatches(true, 0, BEARER + " ", 0, BEARER.length() + 1)) {
      throw otherScheme();
    }
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    String found = null;
    for (Cookie c : cookies) {
      if (cookieName.equals(c.getName())) {
        if (found != null) {
          throw new InvalidBearerTokenException(
              BearerTokenErrors.invalidRequest("More than one token cookie"));
        }
        found = c.getValue() == null ? "" : c.getValue();
      }
    }
    return found == null ? Optional.empty() : Optional.of(check(found));
  }

  private String check(String token) {
    if (token.isEmpty()) {
      throw invalid("Empty bearer token");
    }
    if (token.length() > maxLength) {
      throw invalid("Token too large");
    }
    if (encrypted && isCompactJwe(token)) {
      return token;
    }
    if (!isCompactJws(token)) {
      throw invalid("Malformed token");
    }
    if (token.endsWith(".")) {
      throw invalid("The token is not signed");
    }
    return token;
  }

  /**
   * Whether the text has the shape of a compact JWS: three base64url segments (RFC 7515 §7.1, no
   * padding, no {@code +} or {@code /}, no white space), the first two non-empty. Checked before
   * any decoding, allocating nothing.
   */
  static boolean isCompactJws(String token) {
    return isCompact(token, 2);
  }

  /**
   * Whether the text has the shape of a compact JWE with a key-management algorithm that wraps a
   * key: five non-empty base64url segments (RFC 7516 §7.1).
   */
  static boolean isCompactJwe(String token) {
    return isCompact(token, 4);
  }

  private static boolean isCompact(String token, int expectedDots) {
    int dots = 0;
    int segmentLength = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (segmentLength == 0 || ++dots > expectedDots) {
          return false;
        }
        segmentLength = 0;
      } else if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_') {
        segmentLength++;
      } else {
        return false;
      }
    }
    // a JWS's last segment may be empty here ("not signed" is reported apart); a JWE's tag may not
    return dots == expectedDots && (expectedDots == 2 || segmentLength > 0);
  }

  private static InvalidBearerTokenException invalid(String description) {
    return new InvalidBearerTokenException(BearerTokenErrors.invalidToken(description));
  }

  /** Looks for {@code access_token=} in the raw query string without reading a form body. */
  static boolean hasQueryToken(String query) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      try {
        name = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        // keep the raw name
      }
      if (name.equals("access_token")) {
        return true;
      }
    }
    return false;
  }
}
