package io.pathauth.state.jcache;

import io.pathauth.state.KeyValueStore;
import io.pathauth.state.StateUnavailableException;
import java.util.Optional;
import java.util.function.Supplier;
import javax.cache.Cache;

/** A {@link KeyValueStore} on a JCache (JSR 107) cache, such as Hazelcast's. */
public final class JCacheKeyValueStore implements KeyValueStore {

  private final Cache<String, String> cache;

  public JCacheKeyValueStore(Cache<String, String> cache) {
    this.cache = cache;
  }

  @Override
  public Optional<String> get(String key) {
    return call(() -> Optional.ofNullable(cache.get(key)));
  }

  @Override
  public boolean putIfAbsent(String key, String value) {
    return call(() -> cache.putIfAbsent(key, value));
  }

  @Override
  public boolean replace(String key, String expected, String value) {
    return call(() -> cache.replace(key, expected, value));
  }

  @Override
  public boolean remove(String key, String expected) {
    return call(() -> cache.remove(key, expected));
  }

  @Override
  public void put(String key, String value) {
    call(
        () -> {
          cache.put(key, value);
          return null;
        });
  }

  @Override
  public void remove(String key) {
    call(
        () -> {
          cache.remove(key);
          return null;
        });
  }

  /**
   * Runs one cache operation. A provider failure (JCache's {@code CacheException}, a closed cache's
   * {@code IllegalStateException}, Hazelcast's own exceptions when the member is shutting down or
   * cannot reach a partition's owner) becomes {@link StateUnavailableException}: the request is
   * answered 503, never 500 and never as if nothing were revoked.
   */
  private <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RuntimeException e) {
      throw new StateUnavailableException(
          "pathauth: the shared cache " + cache.getName() + " cannot answer: " + e, e);
    }
  }
}
