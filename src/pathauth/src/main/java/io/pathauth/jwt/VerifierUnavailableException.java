package io.pathauth.jwt;

import io.pathauth.PathAuthException;

/**
 * Our side is broken: the verification keys cannot be loaded or fetched. Not the client's fault:
 * answered with a 500 that carries no detail, and logged.
 */
public final class VerifierUnavailableException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  public VerifierUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
