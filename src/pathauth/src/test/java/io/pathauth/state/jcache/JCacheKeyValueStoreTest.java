package io.pathauth.state.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.state.StateUnavailableException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;

/**
 * A shared cache that cannot answer (a Hazelcast member shutting down, a partition whose owner is
 * gone, a closed cache): every operation becomes {@link StateUnavailableException} (503), naming
 * the cache, never an unchecked provider exception (500) and never an empty answer ("not revoked").
 */
class JCacheKeyValueStoreTest {

  /** A cache named {@code name} whose every operation but getName throws {@code failure}. */
  @SuppressWarnings("unchecked")
  private static Cache<String, String> failing(String name, RuntimeException failure) {
    return (Cache<String, String>)
        Proxy.newProxyInstance(
            Cache.class.getClassLoader(),
            new Class<?>[] {Cache.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getName")) {
                return name;
              }
              throw failure;
            });
  }

  @Test
  void whenTheCacheFails_thenEveryOperationIsStateUnavailableNamingTheCache() {
    List<RuntimeException> failures =
        List.of(
            new CacheException("member gone"),
            new IllegalStateException("Cache is closed"),
            new RuntimeException("HazelcastInstanceNotActiveException"));
    List<Consumer<JCacheKeyValueStore>> operations =
        List.of(
            s -> s.get("k"),
            s -> s.putIfAbsent("k", "v"),
            s -> s.replace("k", "a", "b"),
            s -> s.remove("k", "a"),
            s -> s.put("k", "v"),
            s -> s.remove("k"));
    for (RuntimeException failure : failures) {
      JCacheKeyValueStore store = new JCacheKeyValueStore(failing("pathauth-revoked-jti", failure));
      for (Consumer<JCacheKeyValueStore> operation : operations) {
        StateUnavailableException e =
            assertThrows(StateUnavailableException.class, () -> operation.accept(store));
        assertSame(failure, e.getCause());
        assertTrue(e.getMessage().contains("pathauth-revoked-jti"), e.getMessage());
      }
    }
    assertEquals(6, operations.size());
  }
}
