package io.pathauth.token;

import io.pathauth.config.TokenSettings;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Issues, refreshes and revokes pathauth's own tokens. Access tokens are short-lived RS256/ES256
 * JWTs built with smallrye-jwt-build; refresh tokens are opaque, stored as SHA-256 hashes, rotated
 * on every use, and a reused one revokes its whole family.
 */
public final class TokenService {

  /** The private claim that ties an access token to its refresh family. */
  public static final String FAMILY_CLAIM = "fid";

  private final TokenSettings settings;
  private final SigningKeys keys;
  private final RefreshTokenStore refreshTokens;
  private final RevocationStore revocations;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public TokenService(
      TokenSettings settings,
      SigningKeys keys,
      RefreshTokenStore refreshTokens,
      RevocationStore revocations,
      Clock clock) {
    this.settings = settings;
    this.keys = keys;
    this.refreshTokens = refreshTokens;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** Tokens for a caller who just proved who they are; a new refresh family when asked. */
  public TokenResponse issue(String user, Set<String> groups, boolean withRefreshToken) {
    String family = withRefreshToken ? UUID.randomUUID().toString() : null;
    String refresh = withRefreshToken ? newRefreshToken(family, user, groups) : null;
    return new TokenResponse(
        accessToken(user, groups, family), settings.accessLifetimeSeconds(), refresh);
  }

  /** The refresh_token grant: rotates the refresh token; a reused one revokes its family. */
  public TokenResponse refresh(String refreshToken) {
    String hash = hash(refreshToken);
    RefreshToken before =
        refreshTokens.markUsed(hash).orElseThrow(() -> invalidGrant("Unknown refresh token"));
    if (before.used()) {
      refreshTokens.revokeFamily(before.family());
      throw invalidGrant("Refresh token reuse: the token family is revoked");
    }
    Instant now = clock.instant();
    if (before.revoked()
        || !before.expiresAt().isAfter(now)
        || loggedOutSince(before.user(), before.issuedAt())) {
      throw invalidGrant("Refresh token expired or revoked");
    }
    String next = newRefreshToken(before.family(), before.user(), before.groups());
    return new TokenResponse(
        accessToken(before.user(), before.groups(), before.family()),
        settings.accessLifetimeSeconds(),
        next);
  }

  /** Bearer logout: the token is rejected until it expires, and its refresh family is revoked. */
  public void logout(JsonWebToken token) {
    if (token.getTokenID() != null) {
      revocations.revoke(token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()));
    }
    Object family = token.getClaim(FAMILY_CLAIM);
    if (family != null) {
      refreshTokens.revokeFamily(family.toString().replace("\"", ""));
    }
  }

  /**
   * Forced logout: every token and session of {@code user} issued before now is rejected, and every
   * refresh token of the user is revoked.
   */
  public void forceLogout(String user) {
    Instant now = clock.instant();
    Duration keep =
        Duration.ofSeconds(
                Math.max(settings.refreshLifetimeSeconds(), settings.accessLifetimeSeconds()))
            .plusHours(8);
    revocations.notBefore(user, now, now.plus(keep));
    refreshTokens.revokeUser(user);
  }

  /** The user's outstanding refresh tokens. */
  public List<RefreshToken> refreshTokens(String user) {
    return refreshTokens.active(user);
  }

  /** Whether {@code user} was force-logged-out after {@code issuedAt}. */
  public boolean loggedOutSince(String user, Instant issuedAt) {
    Optional<Instant> nb = revocations.notBefore(user);
    return nb.isPresent() && issuedAt.isBefore(nb.get());
  }

  /** The first whole second at or after {@code instant}. */
  public static long ceilSeconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }

  private String accessToken(String user, Set<String> groups, String family) {
    // After a forced logout, date new tokens no earlier than the second after it (see revoked()).
    long now =
        Math.max(
            clock.instant().getEpochSecond(),
            revocations.notBefore(user).map(TokenService::ceilSeconds).orElse(0L));
    var claims =
        Jwt.issuer(settings.issuer().orElseThrow())
            .audience(settings.audience())
            .subject(user)
            .upn(user)
            .groups(groups)
            .issuedAt(now)
            .expiresAt(now + settings.accessLifetimeSeconds())
            .claim("jti", UUID.randomUUID().toString());
    if (family != null) {
      claims.claim(FAMILY_CLAIM, family);
    }
    SigningKeys.Key signer = keys.signer();
    return claims
        .jws()
        .keyId(signer.kid())
        .algorithm(SignatureAlgorithm.fromAlgorithm(settings.algorithm()))
        .sign(signer.jwk().getPrivateKey());
  }

  private String newRefreshToken(String family, String user, Set<String> groups) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    refreshTokens.save(
        new RefreshToken(
            hash(token),
            family,
            user,
            groups,
            now,
            now.plusSeconds(settings.refreshLifetimeSeconds()),
            false,
            false));
    return token;
  }

  static String hash(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static TokenGrantException invalidGrant(String description) {
    return new TokenGrantException(OAuthError.invalidGrant(description));
  }
}
