package io.pathauth.http;

/** Factory for the {@link BearerTokenError} values pathauth uses. */
public final class BearerTokenErrors {

  private static final BearerTokenError MISSING =
      new BearerTokenError(401, null, "Bearer token required", null);

  private BearerTokenErrors() {}

  /** No credentials: 401 with a bare {@code Bearer realm} challenge. */
  public static BearerTokenError missing() {
    return MISSING;
  }

  /** The token is expired, revoked, malformed or otherwise bad: 401 {@code invalid_token}. */
  public static BearerTokenError invalidToken(String description) {
    return new BearerTokenError(401, BearerTokenError.INVALID_TOKEN, description, null);
  }

  /** The request itself is malformed (e.g. two tokens): 400 {@code invalid_request}. */
  public static BearerTokenError invalidRequest(String description) {
    return new BearerTokenError(400, BearerTokenError.INVALID_REQUEST, description, null);
  }

  /** Authenticated but lacking a role: 403 {@code insufficient_scope}. */
  public static BearerTokenError insufficientScope(String description, String scope) {
    return new BearerTokenError(403, BearerTokenError.INSUFFICIENT_SCOPE, description, scope);
  }
}
