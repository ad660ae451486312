package io.pathauth.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Where pathauth keeps the state every node must share: revoked tokens, forced logouts, refresh
 * tokens and login-failure counts.
 *
 * @param store {@code pathauth.state.store}: {@code file} (default; one node, kept in {@code
 *     pathauth.state.dir}) or {@code jcache} (a cluster: the application's JCache provider, such as
 *     Hazelcast)
 * @param jcacheUri {@code pathauth.state.jcache.uri}: the JCache cache manager's URI (for
 *     Hazelcast, its configuration file); empty for the provider's default
 * @param jcachePrefix {@code pathauth.state.jcache.prefix}: prefixed to pathauth's cache names;
 *     default {@code pathauth.}
 */
public record StateSettings(Store store, Optional<String> jcacheUri, String jcachePrefix) {

  /** The kinds of state store. */
  public enum Store {
    FILE,
    JCACHE
  }

  /** Reads {@code pathauth.state.*}. */
  public static StateSettings read(ConfigReader r) {
    String store = r.string("pathauth.state.store").orElse("file").toLowerCase(Locale.ROOT);
    StateSettings.Store kind =
        switch (store) {
          case "file" -> StateSettings.Store.FILE;
          case "jcache" -> StateSettings.Store.JCACHE;
          default ->
              throw new PathAuthConfigException(
                  "pathauth.state.store", "must be file or jcache, not '" + store + "'");
        };
    return new StateSettings(
        kind,
        r.string("pathauth.state.jcache.uri"),
        r.string("pathauth.state.jcache.prefix").orElse("pathauth."));
  }
}
