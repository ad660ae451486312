package io.pathauth.issuer;

import java.time.Instant;
import java.util.Optional;

/**
 * Revoked access tokens and per-user "not before" times. Checked on every request on a jwt path
 * (and every session request), so lookups must be O(1). Entries expire when the tokens they reject
 * would have expired, so the store never grows without bound. The default is {@link
 * FileRevocationStore}; a distributed implementation plugs in here.
 */
public interface RevocationStore {

  /** Rejects the token with this {@code jti} until {@code expiresAt}. */
  void revoke(String jti, Instant expiresAt);

  /** Whether the token with this {@code jti} was revoked. */
  boolean isRevoked(String jti);

  /**
   * Rejects every token and session of {@code user} issued before {@code notBefore}; remembered
   * until {@code keepUntil}.
   */
  void notBefore(String user, Instant notBefore, Instant keepUntil);

  /** The user's "not before" time, if any. */
  Optional<Instant> notBefore(String user);

  /** Whether a login (or token) of {@code user} at {@code at} was ended by a forced logout. */
  default boolean loggedOutSince(String user, Instant at) {
    return notBefore(user).map(at::isBefore).orElse(false);
  }
}
