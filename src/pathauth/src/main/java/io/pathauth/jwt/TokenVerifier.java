package io.pathauth.jwt;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Verifies a compact JWS access token. */
public interface TokenVerifier {

  /**
   * Verifies signature and claims.
   *
   * @return the verified token, usable as the caller principal
   * @throws InvalidBearerTokenException when the token is bad (401 {@code invalid_token})
   * @throws VerifierUnavailableException when our keys cannot be loaded (500)
   */
  JsonWebToken verify(String token);
}
