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
import java.util.concurrent.atomic.AtomicReference;

/**
 * The default {@link RefreshTokenStore}: a concurrent map written through to a file ({@link
 * StateFile}: atomic, fsynced, checksummed), so a spent token stays spent across a restart and a
 * crash. Expired tokens are dropped on every write and at load.
 */
public final class FileRefreshTokenStore implements RefreshTokenStore {

  private final Map<String, RefreshToken> tokens = new ConcurrentHashMap<>();
  private final Map<String, Long> revokedFamilies = new ConcurrentHashMap<>();
  private final StateFile file;
  private final Clock clock;

  /**
   * Opens the store, reading what {@code file} holds (nothing when it does not exist yet).
   *
   * @throws CorruptStateException when the file is truncated, torn, edited or holds a line that
   *     does not parse: the deployment fails rather than forget spent and revoked tokens
   * @throws StateUnavailableException when the file exists but cannot be read
   */
  public FileRefreshTokenStore(Path file, Clock clock) {
    this.file = new StateFile(file);
    this.clock = clock;
    Instant now = clock.instant();
    this.file.read(
        line -> {
          String[] f = line.split(" ", -1);
          if (f.length == 3 && f[0].equals("family")) {
            long until = Long.parseLong(f[2]);
            if (until + StateFile.PURGE_GRACE_MILLIS > now.toEpochMilli()) {
              revokedFamilies.put(f[1], until);
            }
          } else {
            RefreshToken t = RefreshToken.parse(line);
            if (t.expiresAt().isAfter(now)) {
              tokens.put(t.hash(), t);
            }
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the token is kept in memory
   *     all the same, and the next successful write persists it
   */
  @Override
  public void save(RefreshToken token) {
    long change;
    synchronized (this) {
      tokens.put(token.hash(), familyRevoked(token.family()) ? token.markRevoked() : token);
      change = file.changed();
    }
    file.commit(change, this::snapshot);
  }

  @Override
  public Optional<RefreshToken> find(String hash) {
    return Optional.ofNullable(tokens.get(hash));
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the token is spent in memory
   *     all the same (fail safe: it cannot be used again), and the next successful write persists
   *     it
   */
  @Override
  public Optional<RefreshToken> markUsed(String hash) {
    AtomicReference<RefreshToken> before = new AtomicReference<>();
    long change;
    synchronized (this) {
      tokens.computeIfPresent(
          hash,
          (k, t) -> {
            before.set(t);
            return t.markUsed();
          });
      if (before.get() == null) {
        return Optional.empty();
      }
      change = file.changed();
    }
    file.commit(change, this::snapshot);
    return Optional.of(before.get());
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the family is revoked in
   *     memory all the same (fail safe), and the next successful write persists it
   */
  @Override
  public void revokeFamily(String family, Instant keepUntil) {
    long change;
    synchronized (this) {
      revokedFamilies.merge(family, keepUntil.toEpochMilli(), Math::max);
      tokens.replaceAll((k, t) -> t.family().equals(family) ? t.markRevoked() : t);
      change = file.changed();
    }
    file.commit(change, this::snapshot);
  }

  @Override
  public boolean familyRevoked(String family) {
    Long until = revokedFamilies.get(family);
    return until != null && until > clock.millis();
  }

  /**
   * {@inheritDoc}
   *
   * @throws StateUnavailableException when the file cannot be written: the families are revoked in
   *     memory all the same (fail safe), and the next successful write persists it
   */
  @Override
  public void revokeUser(String user, Instant keepUntil) {
    long change;
    synchronized (this) {
      for (RefreshToken t : tokens.values()) {
        if (t.user().equals(user)) {
          revokedFamilies.merge(t.family(), keepUntil.toEpochMilli(), Math::max);
        }
      }
      tokens.replaceAll((k, t) -> t.user().equals(user) ? t.markRevoked() : t);
      change = file.changed();
    }
    file.commit(change, this::snapshot);
  }

  @Override
  public List<RefreshToken> active(String user) {
    Instant now = clock.instant();
    return tokens.values().stream()
        .filter(
            t -> t.user().equals(user) && !t.used() && !t.revoked() && t.expiresAt().isAfter(now))
        .toList();
  }

  /**
   * What the file is to hold, taken under this object's lock (so it counts exactly the changes it
   * includes). Callers change the maps first: when the write fails the change still holds in
   * memory.
   */
  private synchronized StateFile.Snapshot snapshot() {
    // An expired refresh token can go: an unknown one is refused as well. A revoked family stays
    // past its end (StateFile.PURGE_GRACE_MILLIS): access tokens of the family are checked
    // against it, and a clock stepped back makes them valid again.
    Instant now = clock.instant();
    tokens.values().removeIf(t -> !t.expiresAt().isAfter(now));
    long purgeBefore = now.toEpochMilli() - StateFile.PURGE_GRACE_MILLIS;
    revokedFamilies.values().removeIf(until -> until <= purgeBefore);
    List<String> lines = new ArrayList<>();
    revokedFamilies.forEach((family, until) -> lines.add("family " + family + " " + until));
    for (RefreshToken t : tokens.values()) {
      lines.add(t.toLine());
    }
    return new StateFile.Snapshot(lines, file.changesSoFar());
  }
}
