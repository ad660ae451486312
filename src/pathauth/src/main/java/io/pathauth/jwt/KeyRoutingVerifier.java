package io.pathauth.jwt;

import io.pathauth.config.JwtSettings;
import io.pathauth.http.BearerTokenErrors;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The key-routing part of the signature step: pathauth's own tokens are verified with its current
 * key set, every other token with the external {@code mp.jwt.*} configuration. The {@code kid}
 * header only picks the verifier; either one then checks algorithm, signature, issuer and audience
 * in full, so a forged {@code kid} gains nothing. The header is parsed once, here, and handed to
 * the verifier it picks (a fresh token's header used to be parsed three times: 7 % of the server's
 * CPU for fresh tokens, BENCHMARKS.md).
 */
public final class KeyRoutingVerifier implements TokenVerifier {

  private record Own(long version, SmallRyeTokenVerifier verifier) {}

  private final OwnKeys keys;
  private final JwtSettings ownTokens;
  private final SmallRyeTokenVerifier external;
  private final AtomicReference<Own> own = new AtomicReference<>();

  /**
   * @param keys pathauth's own signing keys
   * @param ownTokens the settings its own tokens are verified with (issuer, audience; the skew,
   *     size limit and {@code typ} of the {@code mp.jwt.*} settings), without a key: the key set is
   *     filled in from {@code keys} at each rotation
   * @param external the {@code mp.jwt.*} verifier, or null when none is configured
   */
  public KeyRoutingVerifier(OwnKeys keys, JwtSettings ownTokens, SmallRyeTokenVerifier external) {
    this.keys = keys;
    this.ownTokens = ownTokens;
    this.external = external;
  }

  @Override
  public JsonWebToken verify(String compact) {
    if (SmallRyeTokenVerifier.isCompactJwe(compact)) {
      // pathauth never encrypts its own tokens: an encrypted token is the mp.jwt.* kind or nothing
      if (external != null) {
        return external.verify(compact);
      }
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidToken("Encrypted tokens are not accepted"));
    }
    Map<String, Object> header = ClaimCheck.header(compact);
    Object kid = header.get("kid");
    if (kid != null && !(kid instanceof String)) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Malformed token"));
    }
    if (keys.knows((String) kid)) {
      return ownVerifier().verify(compact, header);
    }
    if (external != null) {
      return external.verify(compact, header);
    }
    throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Unknown signing key"));
  }

  private SmallRyeTokenVerifier ownVerifier() {
    long version = keys.version();
    Own current = own.get();
    if (current == null || current.version() != version) {
      current = new Own(version, new SmallRyeTokenVerifier(ownTokens.withKey(keys.jwks())));
      own.set(current);
    }
    return current.verifier();
  }
}
