package io.pathauth.jwt;

import io.pathauth.PathAuthException;

/**
 * The verification keys cannot be had: an identity provider's key set was never fetched (it has
 * been unreachable since the start). Not the token's fault, so not a 401: answered with a 503 and
 * {@code Retry-After}, no detail, and logged. (A broken configured key fails the deployment.)
 */
public final class VerifierUnavailableException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  public VerifierUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
