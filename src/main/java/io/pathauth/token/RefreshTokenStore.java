package io.pathauth.token;

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

  /** Revokes every token of a family. */
  void revokeFamily(String family);

  /** Revokes every token of a user. */
  void revokeUser(String user);

  /** The user's tokens that are neither used, revoked nor expired. */
  List<RefreshToken> active(String user);
}
