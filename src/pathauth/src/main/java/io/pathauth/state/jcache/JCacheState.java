package io.pathauth.state.jcache;

import io.pathauth.config.PathAuthConfigException;
import io.pathauth.state.KeyValueStore;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Opens pathauth's shared caches on the application's JCache provider ({@code
 * pathauth.state.store=jcache}): Hazelcast as the library of Liberty's {@code sessionCache}
 * feature, or Payara's own cache manager on its Data Grid. Every cache holds strings only and
 * expires entries a fixed time after their last change, so nothing grows without bound.
 */
public final class JCacheState {

  /** The configuration key that names the cache manager's URI (optional). */
  public static final String URI_KEY = "pathauth.state.jcache.uri";

  /** Payara's JNDI name of its Data Grid's cache manager. */
  static final String PAYARA_CACHE_MANAGER = "payara/CacheManager";

  private final CacheManager manager;
  private final String prefix;

  private JCacheState(CacheManager manager, String prefix) {
    this.manager = manager;
    this.prefix = prefix;
  }

  /**
   * @param uri the cache manager's URI (for Hazelcast, its configuration file); empty for the
   *     server's own cache manager where it has one, else the provider's default. It must be the
   *     same on every node: Hazelcast names caches after it.
   * @param prefix prefixed to every cache name
   */
  public static JCacheState open(Optional<String> uri, String prefix) {
    try {
      if (uri.isEmpty()) {
        Optional<CacheManager> server = serverCacheManager();
        if (server.isPresent()) {
          return new JCacheState(server.get(), prefix);
        }
      }
      CachingProvider provider =
          Caching.getCachingProvider(Thread.currentThread().getContextClassLoader());
      // The provider's own class loader, not the application's: Hazelcast puts a non-default class
      // loader (and URI) into every cache's name, and each node's application class loader is a
      // different one, so the nodes would not share a single cache.
      CacheManager manager =
          provider.getCacheManager(
              uri.map(URI::create).orElse(provider.getDefaultURI()),
              provider.getDefaultClassLoader());
      return new JCacheState(manager, prefix);
    } catch (CacheException | IllegalArgumentException e) {
      throw new PathAuthConfigException(
          URI_KEY, "no JCache cache manager for pathauth.state.store=jcache: " + e.getMessage(), e);
    }
  }

  /**
   * Payara's cache manager on its own Data Grid, which Payara (Server and Micro) binds in JNDI as
   * {@value #PAYARA_CACHE_MANAGER}. Not {@code Caching.getCachingProvider()} there: that finds
   * Hazelcast's provider in client mode, which waits for a Hazelcast cluster to connect to and
   * never uses Payara's member (the deployment hung, measured on Payara Micro 6.2025.10). Empty on
   * every other server.
   */
  static Optional<CacheManager> serverCacheManager() {
    try {
      // Not closed: on Payara Micro 6, closing this context made every JAX-RS resource of the
      // application answer 404 afterwards (PayaraClusterIT); it holds nothing of its own to
      // release.
      return new InitialContext().lookup(PAYARA_CACHE_MANAGER) instanceof CacheManager m
          ? Optional.of(m)
          : Optional.empty();
    } catch (NamingException | RuntimeException notThere) {
      return Optional.empty();
    }
  }

  /** The cache {@code prefix + name}, created if no node has created it yet. */
  public KeyValueStore store(String name, Duration expiry) {
    String full = prefix + name;
    Cache<String, String> cache = manager.getCache(full, String.class, String.class);
    if (cache == null) {
      MutableConfiguration<String, String> config =
          new MutableConfiguration<String, String>()
              .setTypes(String.class, String.class)
              .setStoreByValue(true)
              .setExpiryPolicyFactory(
                  ModifiedExpiryPolicy.factoryOf(
                      new javax.cache.expiry.Duration(
                          TimeUnit.SECONDS, Math.max(1, expiry.toSeconds()))));
      try {
        cache = manager.createCache(full, config);
      } catch (CacheException raced) {
        cache = manager.getCache(full, String.class, String.class); // another node created it
        if (cache == null) {
          throw raced;
        }
      }
    }
    return new JCacheKeyValueStore(cache);
  }
}
