package io.pathauth.token;

import java.time.Instant;
import java.util.Set;

/**
 * A stored refresh token. Only the SHA-256 of the token is kept; the token itself exists only in
 * the client's hands.
 *
 * @param hash base64url SHA-256 of the opaque token
 * @param family the rotation family: every token obtained by refreshing shares it
 * @param user the caller name
 * @param groups the caller's groups at login
 * @param familyStartedAt when the login that started the family happened
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @param used whether it was already exchanged (a second use means theft: the family is revoked)
 * @param revoked whether its family was revoked
 */
public record RefreshToken(
    String hash,
    String family,
    String user,
    Set<String> groups,
    Instant familyStartedAt,
    Instant issuedAt,
    Instant expiresAt,
    boolean used,
    boolean revoked) {

  public RefreshToken {
    groups = Set.copyOf(groups);
  }

  RefreshToken markUsed() {
    return new RefreshToken(
        hash, family, user, groups, familyStartedAt, issuedAt, expiresAt, true, revoked);
  }

  RefreshToken markRevoked() {
    return new RefreshToken(
        hash, family, user, groups, familyStartedAt, issuedAt, expiresAt, used, true);
  }
}
