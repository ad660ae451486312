package io.pathauth.issuer;

import io.pathauth.state.Cas;
import io.pathauth.state.KeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The cluster {@link RevocationStore}: revoked {@code jti}s and per-user "not before" times in two
 * shared key-value stores, so that a revocation or forced logout on one node is seen by every node
 * on its next request. Every write advances the {@link RevocationEpoch} after it is stored, which
 * voids the "not revoked" answers nodes remember ({@link RevocationAnswers}).
 */
public final class SharedRevocationStore implements RevocationStore {

  private final KeyValueStore jtis;
  private final KeyValueStore users;
  private final RevocationEpoch epoch;
  private final Clock clock;

  /**
   * @param jtis {@code jti} → epoch millis until which it is revoked
   * @param users user → "{@code notBefore keepUntil}" in epoch millis
   */
  public SharedRevocationStore(
      KeyValueStore jtis, KeyValueStore users, RevocationEpoch epoch, Clock clock) {
    this.jtis = jtis;
    this.users = users;
    this.epoch = epoch;
    this.clock = clock;
  }

  @Override
  public void revoke(String jti, Instant expiresAt) {
    Cas.extendUntil(jtis, jti, expiresAt.toEpochMilli());
    epoch.advance();
  }

  @Override
  public boolean isRevoked(String jti) {
    return Cas.isBefore(clock.millis(), jtis, jti);
  }

  @Override
  public void notBefore(String user, Instant notBefore, Instant keepUntil) {
    Cas.update(
        users,
        user,
        v -> {
          long nb = notBefore.toEpochMilli();
          long keep = keepUntil.toEpochMilli();
          if (v.isPresent()) {
            long[] e = parse(v.get());
            nb = Math.max(nb, e[0]);
            keep = Math.max(keep, e[1]);
          }
          return Optional.of(nb + " " + keep);
        });
    epoch.advance();
  }

  @Override
  public Optional<Instant> notBefore(String user) {
    return users
        .get(user)
        .map(SharedRevocationStore::parse)
        .filter(e -> e[1] > clock.millis())
        .map(e -> Instant.ofEpochMilli(e[0]));
  }

  private static long[] parse(String value) {
    int space = value.indexOf(' ');
    return new long[] {
      Long.parseLong(value.substring(0, space)), Long.parseLong(value.substring(space + 1))
    };
  }
}
