package io.pathauth.state;

import io.pathauth.PathAuthException;

/**
 * pathauth's state (revocations, refresh tokens) could not be read or written where it is kept: a
 * full disk, a directory that became read-only or unreadable. Not the client's fault and not a bad
 * credential: the request that needed the write is answered 503, and the change it made stays in
 * memory (a revoked token stays revoked, a spent refresh token stays spent), so failing to write
 * never undoes a security decision. The next successful write persists it.
 */
public final class StateUnavailableException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  public StateUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
