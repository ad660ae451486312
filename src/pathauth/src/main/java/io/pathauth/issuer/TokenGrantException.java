package io.pathauth.issuer;

import io.pathauth.PathAuthException;
import io.pathauth.http.OAuthError;

/** A grant was refused; carries the RFC 6749 error to send. */
public final class TokenGrantException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  private final transient OAuthError error;

  public TokenGrantException(OAuthError error) {
    super(error.description());
    this.error = error;
  }

  public OAuthError error() {
    return error;
  }
}
