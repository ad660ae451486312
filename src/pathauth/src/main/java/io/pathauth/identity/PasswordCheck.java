package io.pathauth.identity;

import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Checks a user name and password for the form login and the token endpoint's password grant:
 * against the application's {@code IdentityStore}s ({@link IdentityStorePasswords}), or, for an
 * application that has none, against the server's own user registry ({@link
 * ServerRegistryPasswords}). Chosen once at deploy time ({@code pathauth.identity.store}).
 */
public interface PasswordCheck {

  /**
   * @param request the request that carries the credentials (the server-registry check reaches the
   *     container through it)
   * @return {@code VALID} with the caller and groups, or {@code INVALID} / {@code NOT_VALIDATED}
   * @throws IdentityUnavailableException when the store or registry cannot answer now (a directory
   *     that is down): the caller's credentials may be fine, so this is never a failed login
   */
  CredentialValidationResult validate(String user, String password, HttpServletRequest request);
}
