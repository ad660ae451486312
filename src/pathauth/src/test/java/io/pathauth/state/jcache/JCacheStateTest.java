package io.pathauth.state.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.PathAuthConfigException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.spi.InitialContextFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which cache manager pathauth's shared state opens. */
class JCacheStateTest {

  /** JNDI names looked up, and what Payara's name is bound to (nothing when null). */
  static final List<String> LOOKUPS = new ArrayList<>();

  static CacheManager bound;

  /** A naming context like Payara's: {@code payara/CacheManager} bound, nothing else. */
  public static final class PayaraLikeContext implements InitialContextFactory {
    @Override
    public Context getInitialContext(Hashtable<?, ?> environment) {
      return (Context)
          Proxy.newProxyInstance(
              Context.class.getClassLoader(),
              new Class<?>[] {Context.class},
              (proxy, method, args) -> {
                if (method.getName().equals("lookup")) {
                  String name = String.valueOf(args[0]);
                  LOOKUPS.add(name);
                  if (name.equals("payara/CacheManager") && bound != null) {
                    return bound;
                  }
                  throw new NameNotFoundException(name);
                }
                if (method.getName().equals("close")) {
                  return null;
                }
                throw new UnsupportedOperationException(method.getName());
              });
    }
  }

  @AfterEach
  void noNamingContext() {
    System.clearProperty(Context.INITIAL_CONTEXT_FACTORY);
    LOOKUPS.clear();
    bound = null;
  }

  /** A cache manager that records the caches asked of it and hands out empty caches. */
  private static CacheManager recording(List<String> names) {
    Cache<?, ?> cache =
        (Cache<?, ?>)
            Proxy.newProxyInstance(
                Cache.class.getClassLoader(),
                new Class<?>[] {Cache.class},
                (proxy, method, args) -> {
                  throw new UnsupportedOperationException(method.getName());
                });
    return (CacheManager)
        Proxy.newProxyInstance(
            CacheManager.class.getClassLoader(),
            new Class<?>[] {CacheManager.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getCache")) {
                names.add((String) args[0]);
                return cache;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  @Test
  void whenTheServerBindsItsCacheManager_thenTheStateIsKeptThere() {
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, PayaraLikeContext.class.getName());
    List<String> caches = new ArrayList<>();
    bound = recording(caches);

    JCacheState.open(Optional.empty(), "p.").store("revoked", Duration.ofMinutes(1));

    assertEquals(List.of("p.revoked"), caches, "Payara's own cache manager, not a new provider");
  }

  @Test
  void whenAUriIsConfigured_thenTheServersCacheManagerIsNotConsulted() {
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, PayaraLikeContext.class.getName());
    bound = recording(new ArrayList<>());
    // no JCache provider on the unit tests' class path: the standard lookup fails, naming the key
    PathAuthConfigException e =
        assertThrows(
            PathAuthConfigException.class,
            () -> JCacheState.open(Optional.of("file:/nonexistent/hazelcast.xml"), "p."));
    assertEquals(JCacheState.URI_KEY, e.key());
    assertEquals(List.of(), LOOKUPS, "the configured URI decides; JNDI is not asked");
  }

  @Test
  void whenNoServerCacheManagerIsBound_thenThereIsNone() {
    assertTrue(JCacheState.serverCacheManager().isEmpty(), "no naming context at all");
    System.setProperty(Context.INITIAL_CONTEXT_FACTORY, PayaraLikeContext.class.getName());
    assertTrue(JCacheState.serverCacheManager().isEmpty(), "a context without Payara's name");
    assertEquals(List.of("payara/CacheManager"), LOOKUPS);
  }
}
