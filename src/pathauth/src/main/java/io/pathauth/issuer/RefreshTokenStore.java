package io.pathauth.issuer;

import java.util.List;
import java.util.Optional;

/** Server-side refresh tokens, by hash. A distributed implementation plugs in here. */
public interface RefreshTokenStore {

  void save(RefreshToken token);

  Optional<RefreshToken> find(String hash);

  /**
   * Marks the token used, atomically.
   *
   * @return the token before the change, if it existed; its {@code used()} tells whether this was a
   *     second use
   */
  Optional<RefreshToken> markUsed(String hash);

  /**
   * Revokes every token of a family, including tokens saved later (a refresh racing with the
   * revocation): the family stays revoked until {@code keepUntil}.
   */
  void revokeFamily(String family, java.time.Instant keepUntil);

  /** Whether the family was revoked (checked for every access token that names one). */
  boolean familyRevoked(String family);

  /** Revokes every family of a user, as {@link #revokeFamily} does. */
  void revokeUser(String user, java.time.Instant keepUntil);

  /** The user's tokens that are neither used, revoked nor expired. */
  List<RefreshToken> active(String user);
}
