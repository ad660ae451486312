package io.pathauth.identity;

import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;

/** The application's identity stores, through the container's {@link IdentityStoreHandler}. */
public final class IdentityStorePasswords implements PasswordCheck {

  private final IdentityStoreHandler handler;

  public IdentityStorePasswords(IdentityStoreHandler handler) {
    this.handler = handler;
  }

  @Override
  public CredentialValidationResult validate(
      String user, String password, HttpServletRequest request) {
    try {
      return handler.validate(new UsernamePasswordCredential(user, new Password(password)));
    } catch (RuntimeException e) {
      // A built-in store (LDAP, database) throws when its server cannot be reached; a wrong
      // password is a result, not an exception.
      throw new IdentityUnavailableException("identity store failed: " + e, e);
    }
  }
}
