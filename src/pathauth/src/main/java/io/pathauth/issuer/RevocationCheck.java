package io.pathauth.issuer;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The revocation step of bearer verification: whether a verified token was revoked, by bearer
 * logout (its {@code jti}), by a revoked refresh family (pathauth's own tokens), or by a forced
 * logout of its user after it was issued.
 */
public final class RevocationCheck implements Predicate<JsonWebToken> {

  private final RevocationStore revocations;
  private final Optional<TokenService> tokens;
  private final Optional<RevocationAnswers> answers;

  /**
   * @param tokens pathauth's issuer, when it issues tokens (their refresh families)
   * @param answers in a cluster, the "not revoked" answers remembered until a revocation
   */
  public RevocationCheck(
      RevocationStore revocations,
      Optional<TokenService> tokens,
      Optional<RevocationAnswers> answers) {
    this.revocations = revocations;
    this.tokens = tokens;
    this.answers = answers;
  }

  @Override
  public boolean test(JsonWebToken jwt) {
    return answers.isPresent() ? answers.get().tokenRevoked(jwt, () -> ask(jwt)) : ask(jwt);
  }

  private boolean ask(JsonWebToken jwt) {
    String jti = jwt.getTokenID();
    if (jti != null && revocations.isRevoked(jti)) {
      return true;
    }
    if (tokens.isPresent()
        && TokenService.family(jwt).map(tokens.get()::familyRevoked).orElse(false)) {
      return true;
    }
    return jwt.getName() != null
        && revocations.loggedOutSince(jwt.getName(), Instant.ofEpochSecond(jwt.getIssuedAtTime()));
  }
}
