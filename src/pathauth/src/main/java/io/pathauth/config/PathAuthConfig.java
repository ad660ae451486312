package io.pathauth.config;

import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.path.PathRule;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/**
 * pathauth's whole configuration: one immutable value, built once from MicroProfile Config when the
 * application starts. Any problem is a {@link PathAuthConfigException} naming the key at fault.
 * Each feature owns its keys, defaults and validation: {@link PathRules}, {@link SessionSettings},
 * {@link JwtSettings}, {@link TokenSettings}, {@link StateSettings}; this record reads them and
 * checks what spans features (a jwt path needs a key or pathauth's own issuer).
 *
 * <pre>
 * pathauth.path.&lt;name&gt;.paths=/api/*,/v2/*
 * pathauth.path.&lt;name&gt;.mechanism=session|jwt|none
 * pathauth.path.&lt;name&gt;.methods=GET,POST        (optional)
 * pathauth.path.&lt;name&gt;.roles-allowed=a,b       (optional: an authenticated caller in role a or b)
 * pathauth.path.&lt;name&gt;.policy=permit|deny|authenticated  (optional, default permit)
 * pathauth.default-mechanism=none                 (for unmatched paths)
 * </pre>
 */
public record PathAuthConfig(
    List<PathRule> rules,
    Mechanism defaultMechanism,
    String realm,
    SessionSettings session,
    JwtSettings jwt,
    TokenSettings token,
    StateSettings state,
    long verifiedTokenCacheBytes,
    int auditFailuresPerMinute) {

  public static final String PREFIX = "pathauth.";
  public static final String REALM = "pathauth.realm";
  public static final String AUDIT_FAILURES_PER_MINUTE = "pathauth.audit.failures-per-minute";

  public PathAuthConfig {
    rules = List.copyOf(rules);
  }

  /** Builds the path matcher for these rules. */
  public PathMatcher matcher() {
    return PathMatcher.of(rules, defaultMechanism);
  }

  /** Whether any path (or the default) uses {@code mechanism}. */
  public boolean uses(Mechanism mechanism) {
    return defaultMechanism == mechanism
        || rules.stream().anyMatch(r -> r.mechanism() == mechanism);
  }

  /**
   * Reads and validates the configuration.
   *
   * @throws PathAuthConfigException naming the first bad key
   */
  public static PathAuthConfig from(Config config) {
    ConfigReader r = new ConfigReader(config);
    PathRules rules = PathRules.read(r);
    SessionSettings session = SessionSettings.read(r);
    JwtSettings jwt = JwtSettings.read(r);
    TokenSettings token = TokenSettings.read(r);
    PathAuthConfig result =
        new PathAuthConfig(
            rules.rules(),
            rules.defaultMechanism(),
            realm(r),
            session,
            jwt,
            token,
            StateSettings.read(r),
            r.boundedInt("pathauth.jwt.cache.max-bytes", 16 << 20, 0, Integer.MAX_VALUE),
            // the audit log's failure lines of each kind a minute (AuditLog); the rest are counted
            r.boundedInt(AUDIT_FAILURES_PER_MINUTE, 20, 1, 1_000_000));
    if (result.uses(Mechanism.JWT) && !jwt.hasKey() && !token.enabled()) {
      throw new PathAuthConfigException(
          JwtSettings.MP_PUBLICKEY,
          "a jwt path is configured but no verification key is: set "
              + JwtSettings.MP_PUBLICKEY
              + " or "
              + JwtSettings.MP_PUBLICKEY_LOCATION
              + ", or let pathauth issue tokens (pathauth.token.issuer)");
    }
    return result;
  }

  private static String realm(ConfigReader r) {
    String realm = r.string(REALM).orElse("pathauth");
    if (!realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
      throw new PathAuthConfigException(REALM, "must be printable ASCII without quotes");
    }
    return realm;
  }
}
