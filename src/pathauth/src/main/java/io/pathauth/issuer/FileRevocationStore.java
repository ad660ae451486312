package io.pathauth.issuer;

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
 * file so that revoked stays revoked across a restart. Expired entries are dropped on every write
 * and at load.
 */
public final class FileRevocationStore implements RevocationStore {

  private record UserEntry(long notBefore, long keepUntil) {}

  private final Map<String, Long> revokedUntil = new ConcurrentHashMap<>();
  private final Map<String, UserEntry> users = new ConcurrentHashMap<>();
  private final StateFile file;
  private final Clock clock;

  public FileRevocationStore(Path file, Clock clock) {
    this.file = new StateFile(file);
    this.clock = clock;
    long now = clock.millis();
    for (String line : this.file.readLines()) {
      String[] f = line.split(" ");
      if (f.length == 3 && f[0].equals("jti") && Long.parseLong(f[2]) > now) {
        revokedUntil.put(StateFile.decode(f[1]), Long.parseLong(f[2]));
      } else if (f.length == 4 && f[0].equals("user") && Long.parseLong(f[3]) > now) {
        users.put(
            StateFile.decode(f[1]), new UserEntry(Long.parseLong(f[2]), Long.parseLong(f[3])));
      }
    }
  }

  @Override
  public synchronized void revoke(String jti, Instant expiresAt) {
    revokedUntil.merge(jti, expiresAt.toEpochMilli(), Math::max);
    persist();
  }

  @Override
  public boolean isRevoked(String jti) {
    Long until = revokedUntil.get(jti);
    return until != null && until > clock.millis();
  }

  @Override
  public synchronized void notBefore(String user, Instant notBefore, Instant keepUntil) {
    users.merge(
        user,
        new UserEntry(notBefore.toEpochMilli(), keepUntil.toEpochMilli()),
        (a, b) ->
            new UserEntry(Math.max(a.notBefore, b.notBefore), Math.max(a.keepUntil, b.keepUntil)));
    persist();
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

  /** Callers hold this object's lock, so the snapshot written is the newest one. */
  private void persist() {
    long now = clock.millis();
    revokedUntil.values().removeIf(until -> until <= now);
    users.values().removeIf(e -> e.keepUntil <= now);
    List<String> lines = new ArrayList<>();
    revokedUntil.forEach((jti, until) -> lines.add("jti " + StateFile.encode(jti) + " " + until));
    users.forEach(
        (user, e) ->
            lines.add("user " + StateFile.encode(user) + " " + e.notBefore + " " + e.keepUntil));
    file.write(lines);
  }
}
