package io.pathauth.identity;

import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The application's identity stores, through the container's {@link IdentityStoreHandler}. {@code
 * VALID} and {@code INVALID} are answers; a store that throws, or a {@code NOT_VALIDATED} from
 * every store, means the password could not be checked ({@link IdentityUnavailableException}).
 */
public final class IdentityStorePasswords implements PasswordCheck {

  private final IdentityStoreHandler handler;

  public IdentityStorePasswords(IdentityStoreHandler handler) {
    this.handler = handler;
  }

  @Override
  public CredentialValidationResult validate(
      String user, String password, HttpServletRequest request) {
    CredentialValidationResult result;
    try {
      result = handler.validate(new UsernamePasswordCredential(user, new Password(password)));
    } catch (RuntimeException e) {
      // A built-in store (LDAP, database) throws when its server cannot be reached; a wrong
      // password is a result, not an exception.
      throw new IdentityUnavailableException("identity store failed: " + e, e);
    }
    if (result.getStatus() == CredentialValidationResult.Status.NOT_VALIDATED) {
      // No store could check a user name and password at all: a store's directory or database is
      // unreachable (Liberty's LDAP store answers so), or no store takes passwords. Not a wrong
      // password: never counted as a failed login.
      throw new IdentityUnavailableException(
          "no identity store could check the password (NOT_VALIDATED)", null);
    }
    return result;
  }
}
