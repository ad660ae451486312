package io.pathauth.state;

import java.util.Optional;

/**
 * The few atomic map operations pathauth's cluster-wide state is built on: a JCache {@code
 * Cache<String, String>} in a cluster ({@link io.pathauth.state.jcache.JCacheKeyValueStore}), a
 * concurrent map in tests. Keys and values are strings, so any cache member can hold them without
 * pathauth's classes. Entries may vanish when the store's expiry passes; callers keep their own
 * expiry times in the values and never rely on an entry still being there.
 */
public interface KeyValueStore {

  Optional<String> get(String key);

  /** Stores {@code value} unless the key is present; whether it stored it. */
  boolean putIfAbsent(String key, String value);

  /** Replaces the value only if it is still {@code expected}; whether it did. */
  boolean replace(String key, String expected, String value);

  /** Removes the entry only if its value is still {@code expected}; whether it did. */
  boolean remove(String key, String expected);

  void put(String key, String value);

  void remove(String key);
}
