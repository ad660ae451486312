package io.pathauth.jwt;

import io.pathauth.http.BearerTokenErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Where a bearer token is verified: the whole pipeline, step by step, each step a small piece of
 * its own that says no by throwing {@link InvalidBearerTokenException} (401, the token is bad) or
 * {@link VerifierUnavailableException} (500, our keys cannot be loaded).
 *
 * <ol>
 *   <li><b>resolve</b> ({@link BearerTokenResolver}): the request's one token, from the {@code
 *       Authorization} header or the configured cookie; strict syntax (three base64url segments)
 *       and size, before anything is decoded. No token: empty, and the mechanism decides.
 *   <li><b>signature and claims</b> ({@link TokenVerifier}, built by the composition root as cache,
 *       then key routing by {@code kid} (pathauth's own keys or the {@code mp.jwt.*} keys), then
 *       {@link SmallRyeTokenVerifier}): the algorithm allow-list, {@code typ}, the signature,
 *       issuer and audience.
 *   <li><b>time</b> ({@link TimestampCheck}, with its {@code Clock}): {@code exp}, {@code nbf}, the
 *       token age, on every request, cache hits included.
 *   <li><b>revocation</b>: logout, a revoked refresh family, a forced logout of the user.
 * </ol>
 */
public final class BearerVerification {

  private final BearerTokenResolver resolver;
  private final TokenVerifier verifier;
  private final TimestampCheck timestamps;
  private final Predicate<JsonWebToken> revoked;

  /**
   * @param revoked tells whether a verified token was revoked (logout, forced logout)
   */
  public BearerVerification(
      BearerTokenResolver resolver,
      TokenVerifier verifier,
      TimestampCheck timestamps,
      Predicate<JsonWebToken> revoked) {
    this.resolver = resolver;
    this.verifier = verifier;
    this.timestamps = timestamps;
    this.revoked = revoked;
  }

  /**
   * The verified token of {@code request}; empty when it carries none.
   *
   * @throws InvalidBearerTokenException the token (or the request's credentials) is bad: 401/400
   * @throws VerifierUnavailableException the verification keys cannot be loaded: 500
   */
  public Optional<JsonWebToken> verify(HttpServletRequest request) {
    Optional<String> token = resolver.resolve(request);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    JsonWebToken jwt = verifier.verify(token.get());
    timestamps.check(jwt);
    if (revoked.test(jwt)) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidToken("The token has been revoked"));
    }
    return Optional.of(jwt);
  }
}
