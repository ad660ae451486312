package io.pathauth.issuer;

import io.pathauth.state.StateUnavailableException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The default {@link RevocationStore}: two concurrent hash maps (O(1) checks), written through to a
 * file ({@link StateFile}: atomic, fsynced, checksummed) so that revoked stays revoked across a
 * restart and a crash. Expired entries are dropped on every write and at load.
 */
public final class FileRevocationStore implements RevocationStore {

  private record UserEntry(long notBefore, long keepUntil) {}

  private final Map<String, Long> revokedUntil = new ConcurrentHashMap<>();
  private final Map<String, UserEntry> users = new ConcurrentHashMap<>();
  private final StateFile file;
  private final Clock clock;

  /**
   * Opens the store, reading what {@code file} holds (nothing when it does not exist yet).
   *
   * @throws CorruptStateException when the file is truncated, torn, edited or holds a line that
   *     does not parse: the deployment fails rather than forget revocations
   * @throws StateUnavailableException when the file exists but cannot be read
   */
  public FileRevocationStore(Path file, Clock clock) {
    this.file = new StateFile(file);
    this.clock = clock;
    long now = clock.millis();
    this.file.read(
        line -> {
          String[] f = line.split(" ", -1);
          if (f.length == 3 && f[0].equals("jti")) {
            String jti = StateFile.decode(f[1]);
            long until = Long.parseLong(f[2]);
            if (until + StateFile.PURGE_GRACE_MILLIS > now) {
              revokedUntil.put(jti, until);
            }
          } else if (f.length == 4 && f[0].equals("user")) {
            String user = StateFile.decode(f[1]);
            UserEntry e = new UserEntry(Long.parseLong(f[2]), Long.parseLong(f[3]));
            if (e.keepUntil + StateFile.PURGE_GRACE_MILLIS > now) {
              users.put(user, e);
            }
          } else {
            throw new IllegalArgumentException(
                "neither 'jti <id> <until>' nor 'user <name> <nbf> <until>'");
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the token is revoked in
   *     memory all the same (fail safe), and the next successful write persists it
   */
  @Override
  public void revoke(String jti, Instant expiresAt) {
    long change;
    synchronized (this) {
      revokedUntil.merge(jti, expiresAt.toEpochMilli(), Math::max);
      change = file.changed();
    }
    file.commit(change, this::snapshot);
  }

  @Override
  public boolean isRevoked(String jti) {
    Long until = revokedUntil.get(jti);
    return until != null && until > clock.millis();
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the forced logout holds in
   *     memory all the same (fail safe), and the next successful write persists it
   */
  @Override
  public void notBefore(String user, Instant notBefore, Instant keepUntil) {
    long change;
    synchronized (this) {
      users.merge(
          user,
          new UserEntry(notBefore.toEpochMilli(), keepUntil.toEpochMilli()),
          (a, b) ->
              new UserEntry(
                  Math.max(a.notBefore, b.notBefore), Math.max(a.keepUntil, b.keepUntil)));
      change = file.changed();
    }
    file.commit(change, this::snapshot);
  }

  @Override
  public Optional<Instant> notBefore(String user) {
    UserEntry e = users.get(user);
    return e == null || e.keepUntil <= clock.millis()
        ? Optional.empty()
        : Optional.of(Instant.ofEpochMilli(e.notBefore));
  }

  /** Entries currently held (for tests and metrics). */
  public int size() {
    return revokedUntil.size() + users.size();
  }

  /**
   * What the file is to hold, taken under this object's lock (so it counts exactly the changes it
   * includes). Callers change the maps first: when the write fails the change still holds in
   * memory.
   */
  private synchronized StateFile.Snapshot snapshot() {
    long purgeBefore = clock.millis() - StateFile.PURGE_GRACE_MILLIS;
    revokedUntil.values().removeIf(until -> until <= purgeBefore);
    users.values().removeIf(e -> e.keepUntil <= purgeBefore);
    List<String> lines = new ArrayList<>();
    revokedUntil.forEach((jti, until) -> lines.add("jti " + StateFile.encode(jti) + " " + until));
    users.forEach(
        (user, e) ->
            lines.add("user " + StateFile.encode(user) + " " + e.notBefore + " " + e.keepUntil));
    return new StateFile.Snapshot(lines, file.changesSoFar());
  }
}
