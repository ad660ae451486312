package io.pathauth.identity;

/**
 * The identity store or the server's registry cannot answer now (for example an LDAP directory that
 * is down). Answered with 503 and a log line, and never counted as a failed login.
 */
public final class IdentityUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IdentityUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
