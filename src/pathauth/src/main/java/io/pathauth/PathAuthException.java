package io.pathauth;

/**
 * Root of pathauth's exception family: every failure pathauth raises on purpose is one of these.
 */
public abstract class PathAuthException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  protected PathAuthException(String message) {
    super(message);
  }

  protected PathAuthException(String message, Throwable cause) {
    super(message, cause);
  }
}
