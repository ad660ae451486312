package io.pathauth.state.jcache;

import io.pathauth.state.KeyValueStore;
import java.util.Optional;
import javax.cache.Cache;

/** A {@link KeyValueStore} on a JCache (JSR 107) cache, such as Hazelcast's. */
public final class JCacheKeyValueStore implements KeyValueStore {

  private final Cache<String, String> cache;

  public JCacheKeyValueStore(Cache<String, String> cache) {
    this.cache = cache;
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(cache.get(key));
  }

  @Override
  public boolean putIfAbsent(String key, String value) {
    return cache.putIfAbsent(key, value);
  }

  @Override
  public boolean replace(String key, String expected, String value) {
    return cache.replace(key, expected, value);
  }

  @Override
  public boolean remove(String key, String expected) {
    return cache.remove(key, expected);
  }

  @Override
  public void put(String key, String value) {
    cache.put(key, value);
  }

  @Override
  public void remove(String key) {
    cache.remove(key);
  }
}
