package io.pathauth.issuer;

import io.pathauth.config.TokenSettings;
import io.pathauth.http.OAuthError;
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

  /** Outstanding refresh families a user may hold; a new login beyond it ends the oldest. */
  static final int MAX_FAMILIES_PER_USER = 20;

  private final Clock clock;
  private final Duration clockSkew;
  private final Duration retention;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param clockSkew the skew verifiers allow: a revoked token stays revoked that much past {@code
   *     exp}
   * @param retention how long revocation markers (forced logouts, revoked families) are kept: at
   *     least as long as any session or token they reject can live
   */
  public TokenService(
      TokenSettings settings,
      SigningKeys keys,
      RefreshTokenStore refreshTokens,
      RevocationStore revocations,
      Clock clock,
      Duration clockSkew,
      Duration retention) {
    this.settings = settings;
    this.keys = keys;
    this.refreshTokens = refreshTokens;
    this.revocations = revocations;
    this.clock = clock;
    this.clockSkew = clockSkew;
    this.retention = retention;
  }

  /** Tokens for a caller who just proved who they are; a new refresh family when asked. */
  public TokenResponse issue(String user, Set<String> groups, boolean withRefreshToken) {
    String family = withRefreshToken ? UUID.randomUUID().toString() : null;
    if (withRefreshToken) {
      List<RefreshToken> active = refreshTokens.active(user);
      active.stream()
          .sorted(java.util.Comparator.comparing(RefreshToken::familyStartedAt))
          .limit(Math.max(0, active.size() - MAX_FAMILIES_PER_USER + 1))
          .forEach(t -> refreshTokens.revokeFamily(t.family(), keepUntil()));
    }
    String refresh =
        withRefreshToken ? newRefreshToken(family, clock.instant(), user, groups) : null;
    return new TokenResponse(
        accessToken(user, groups, family), settings.accessLifetimeSeconds(), refresh, user);
  }

  /** The refresh_token grant: rotates the refresh token; a reused one revokes its family. */
  public TokenResponse refresh(String refreshToken) {
    String hash = hash(refreshToken);
    RefreshToken before =
        refreshTokens.markUsed(hash).orElseThrow(() -> invalidGrant("Unknown refresh token"));
    if (before.used()) {
      refreshTokens.revokeFamily(before.family(), keepUntil());
      throw invalidGrant("Refresh token reuse: the token family is revoked");
    }
    Instant now = clock.instant();
    if (before.revoked()
        || refreshTokens.familyRevoked(before.family())
        || !before.expiresAt().isAfter(now)
        || revocations.loggedOutSince(before.user(), before.familyStartedAt())) {
      throw invalidGrant("Refresh token expired or revoked");
    }
    String next =
        newRefreshToken(before.family(), before.familyStartedAt(), before.user(), before.groups());
    return new TokenResponse(
        accessToken(before.user(), before.groups(), before.family()),
        settings.accessLifetimeSeconds(),
        next,
        before.user());
  }

  /** Bearer logout: the token is rejected until it expires, and its refresh family is revoked. */
  public void logout(JsonWebToken token) {
    if (token.getTokenID() != null) {
      revocations.revoke(
          token.getTokenID(), Instant.ofEpochSecond(token.getExpirationTime()).plus(clockSkew));
    }
    family(token).ifPresent(f -> refreshTokens.revokeFamily(f, keepUntil()));
  }

  /**
   * Forced logout: every token and session of {@code user} issued before now is rejected, and every
   * refresh token of the user is revoked.
   */
  public void forceLogout(String user) {
    Instant now = clock.instant();
    revocations.notBefore(user, now, now.plus(retention));
    refreshTokens.revokeUser(user, keepUntil());
  }

  /** Whether an access token's refresh family was revoked (bearer logout, reuse, forced logout). */
  public boolean familyRevoked(String family) {
    return refreshTokens.familyRevoked(family);
  }

  private Instant keepUntil() {
    return clock.instant().plus(retention);
  }

  /** The user's outstanding refresh tokens. */
  public List<RefreshToken> refreshTokens(String user) {
    return refreshTokens.active(user);
  }

  /** The refresh family an access token belongs to, if pathauth issued it with one. */
  public static Optional<String> family(JsonWebToken token) {
    Object family = token.getClaim(FAMILY_CLAIM);
    return family == null ? Optional.empty() : Optional.of(family.toString().replace("\"", ""));
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
        .algorithm(SignatureAlgorithm.fromAlgorithm(signer.jwk().getAlgorithm()))
        .sign(signer.jwk().getPrivateKey());
  }

  private String newRefreshToken(
      String family, Instant familyStartedAt, String user, Set<String> groups) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant now = clock.instant();
    // a family ends at the latest family-lifetime after its login, however often it is refreshed
    Instant expires =
        min(
            now.plusSeconds(settings.refreshLifetimeSeconds()),
            familyStartedAt.plusSeconds(settings.familyLifetimeSeconds()));
    refreshTokens.save(
        new RefreshToken(
            hash(token), family, user, groups, familyStartedAt, now, expires, false, false));
    return token;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
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
