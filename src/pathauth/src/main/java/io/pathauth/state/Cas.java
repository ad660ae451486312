package io.pathauth.state;

import java.util.Optional;
import java.util.function.Function;

/** Compare-and-set updates on a {@link KeyValueStore}. */
public final class Cas {

  /** Gives up after this many lost races: another node is writing the same key in a loop. */
  private static final int MAX_TRIES = 1000;

  private Cas() {}

  /**
   * Moves the epoch-millis time under {@code key} to {@code until}, unless it is already later: a
   * revocation is only ever extended.
   */
  public static void extendUntil(KeyValueStore store, String key, long until) {
    update(
        store,
        key,
        v -> Optional.of(Long.toString(Math.max(until, v.map(Long::parseLong).orElse(0L)))));
  }

  /** Whether the epoch-millis time under {@code key} is still ahead of {@code nowMillis}. */
  public static boolean isBefore(long nowMillis, KeyValueStore store, String key) {
    return store.get(key).map(v -> nowMillis < Long.parseLong(v)).orElse(false);
  }

  /**
   * Sets the value under {@code key} to {@code change(current)}, retrying when another writer got
   * there first. {@code change} gets the current value (empty when absent) and returns the new one
   * (empty to remove the entry).
   *
   * @return the value before the change
   */
  public static Optional<String> update(
      KeyValueStore store, String key, Function<Optional<String>, Optional<String>> change) {
    for (int i = 0; i < MAX_TRIES; i++) {
      Optional<String> before = store.get(key);
      Optional<String> after = change.apply(before);
      if (after.equals(before)) {
        return before;
      }
      boolean done;
      if (before.isEmpty()) {
        done = store.putIfAbsent(key, after.get());
      } else if (after.isEmpty()) {
        done = store.remove(key, before.get());
      } else {
        done = store.replace(key, before.get(), after.get());
      }
      if (done) {
        return before;
      }
    }
    throw new IllegalStateException("pathauth: too much contention on one shared state entry");
  }
}
