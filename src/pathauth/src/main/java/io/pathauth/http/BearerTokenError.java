package io.pathauth.http;

import java.util.Objects;

/**
 * An immutable RFC 6750 §3 error: the HTTP status, the {@code error} code (absent when the request
 * simply carried no credentials) and a short, client-safe description.
 */
public record BearerTokenError(int status, String code, String description, String scope) {

  public static final String INVALID_REQUEST = "invalid_request";
  public static final String INVALID_TOKEN = "invalid_token";
  public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

  public BearerTokenError {
    Objects.requireNonNull(description, "description");
    if (!isQuotable(description) || (code != null && !isQuotable(code))) {
      throw new IllegalArgumentException("not an RFC 6750 quoted-string value: " + description);
    }
  }

  /** Whether this error carries an error code (no code means "no credentials were sent"). */
  public boolean hasCode() {
    return code != null;
  }

  /** RFC 6750 §3: error and error_description use %x20-21 / %x23-5B / %x5D-7E. */
  static boolean isQuotable(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }
}
