package io.pathauth.issuer;

import io.pathauth.config.JwtSettings;
import io.pathauth.config.TokenSettings;
import io.pathauth.http.BearerTokenErrors;
import io.pathauth.jwt.InvalidBearerTokenException;
import io.pathauth.jwt.SmallRyeTokenVerifier;
import io.pathauth.jwt.TokenVerifier;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Verifies pathauth's own tokens with its current key set, and every other token with the external
 * {@code mp.jwt.*} configuration. The {@code kid} header picks the verifier; either one then checks
 * signature, issuer, audience and times in full, so the header only routes.
 */
public final class RoutingTokenVerifier implements TokenVerifier {

  private record Own(long version, SmallRyeTokenVerifier verifier) {}

  private final SigningKeys keys;
  private final TokenSettings token;
  private final JwtSettings jwt;
  private final TokenVerifier external;
  private final AtomicReference<Own> own = new AtomicReference<>();

  /**
   * @param keys pathauth's signing keys
   * @param token the issuer settings
   * @param jwt the {@code mp.jwt.*} settings: skew, size limit and {@code typ} apply to pathauth's
   *     own tokens too
   * @param external the {@code mp.jwt.*} verifier, or null when none is configured
   */
  public RoutingTokenVerifier(
      SigningKeys keys, TokenSettings token, JwtSettings jwt, TokenVerifier external) {
    this.keys = keys;
    this.token = token;
    this.jwt = jwt;
    this.external = external;
  }

  @Override
  public JsonWebToken verify(String compact) {
    String kid;
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setCompactSerialization(compact);
      kid = jws.getKeyIdHeaderValue();
    } catch (JoseException | RuntimeException e) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Malformed token"), e);
    }
    if (keys.knows(kid)) {
      return ownVerifier().verify(compact);
    }
    if (external != null) {
      return external.verify(compact);
    }
    throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Unknown signing key"));
  }

  private SmallRyeTokenVerifier ownVerifier() {
    long version = keys.version();
    Own current = own.get();
    if (current == null || current.version() != version) {
      String jwks = keys.jwks();
      current =
          new Own(
              version,
              new SmallRyeTokenVerifier(
                  new JwtSettings(
                      Optional.of(jwks),
                      Optional.empty(),
                      Set.of("RS256", "ES256"),
                      token.issuer(),
                      List.of(token.audience()),
                      jwt.clockSkewSeconds(),
                      OptionalLong.empty(),
                      "Authorization",
                      "Bearer",
                      jwt.maxTokenLength(),
                      jwt.requiredType())));
      own.set(current);
    }
    return current.verifier();
  }
}
