package io.pathauth.http;

/**
 * An RFC 6749 §5.2 error answer of the token endpoint.
 *
 * @param status the HTTP status (400, or 403 for a missing CSRF token)
 * @param error the error code
 * @param description a short, client-safe description
 */
public record OAuthError(int status, String error, String description) {

  public static OAuthError invalidRequest(String description) {
    return new OAuthError(400, "invalid_request", description);
  }

  public static OAuthError invalidGrant(String description) {
    return new OAuthError(400, "invalid_grant", description);
  }

  public static OAuthError unsupportedGrantType(String description) {
    return new OAuthError(400, "unsupported_grant_type", description);
  }

  /** 503: the identity store or registry cannot answer now; the client may retry. */
  public static OAuthError unavailable() {
    return new OAuthError(503, "temporarily_unavailable", "Try again later");
  }

  public static OAuthError throttled() {
    return new OAuthError(429, "invalid_grant", "Too many failed attempts, try again later");
  }

  public static OAuthError csrf() {
    return new OAuthError(403, "invalid_request", "Missing or wrong CSRF token");
  }
}
