package io.pathauth.state;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A {@link KeyValueStore} on a concurrent map: what a JCache cache does, without a cluster. */
public final class MapKeyValueStore implements KeyValueStore {

  private final ConcurrentMap<String, String> map = new ConcurrentHashMap<>();

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(map.get(key));
  }

  @Override
  public boolean putIfAbsent(String key, String value) {
    return map.putIfAbsent(key, value) == null;
  }

  @Override
  public boolean replace(String key, String expected, String value) {
    return map.replace(key, expected, value);
  }

  @Override
  public boolean remove(String key, String expected) {
    return map.remove(key, expected);
  }

  @Override
  public void put(String key, String value) {
    map.put(key, value);
  }

  @Override
  public void remove(String key) {
    map.remove(key);
  }

  public int size() {
    return map.size();
  }
}
