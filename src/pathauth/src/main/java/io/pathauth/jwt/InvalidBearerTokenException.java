package io.pathauth.jwt;

import io.pathauth.PathAuthException;
import io.pathauth.http.BearerTokenError;
import java.util.Objects;

/**
 * The client's credentials are bad (401) or its request is malformed (400). Carries the RFC 6750
 * error to send; the message is the same client-safe description.
 */
public final class InvalidBearerTokenException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  private final transient BearerTokenError error;

  public InvalidBearerTokenException(BearerTokenError error) {
    super(error.description());
    this.error = Objects.requireNonNull(error);
  }

  public InvalidBearerTokenException(BearerTokenError error, Throwable cause) {
    super(error.description(), cause);
    this.error = Objects.requireNonNull(error);
  }

  public BearerTokenError error() {
    return error;
  }
}
