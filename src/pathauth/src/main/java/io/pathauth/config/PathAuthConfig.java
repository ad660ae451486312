package io.pathauth.config;

import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.path.PathPattern;
import io.pathauth.path.PathRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.Config;

/**
 * pathauth's whole configuration: one immutable value, built once from MicroProfile Config when the
 * application starts. Any problem is a {@link PathAuthConfigException} naming the key at fault.
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
    long verifiedTokenCacheBytes) {

  public static final String PREFIX = "pathauth.";
  public static final String RULE_PREFIX = "pathauth.path.";
  public static final String DEFAULT_MECHANISM = "pathauth.default-mechanism";
  public static final String REALM = "pathauth.realm";

  public static final String MP_PUBLICKEY = "mp.jwt.verify.publickey";
  public static final String MP_PUBLICKEY_LOCATION = "mp.jwt.verify.publickey.location";
  public static final String MP_PUBLICKEY_ALGORITHM = "mp.jwt.verify.publickey.algorithm";
  public static final String MP_ISSUER = "mp.jwt.verify.issuer";
  public static final String MP_AUDIENCES = "mp.jwt.verify.audiences";
  public static final String MP_CLOCK_SKEW = "mp.jwt.verify.clock.skew";
  public static final String MP_TOKEN_AGE = "mp.jwt.verify.token.age";
  public static final String MP_TOKEN_HEADER = "mp.jwt.token.header";
  public static final String MP_TOKEN_COOKIE = "mp.jwt.token.cookie";
  public static final String MP_DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";

  private static final Set<String> RULE_ATTRIBUTES =
      Set.of("paths", "mechanism", "methods", "policy", "roles-allowed");
  private static final String RULE_ATTRIBUTE_NAMES =
      "paths, mechanism, methods, policy or roles-allowed";
  // "roles.allowed": how SmallRye Config names PATHAUTH_PATH_<NAME>_ROLES_ALLOWED when no other
  // source spells the key; it reads the value under roles-allowed all the same
  private static final Pattern RULE_KEY =
      Pattern.compile("pathauth\\.path\\.([^.]+)\\.(roles\\.allowed|[^.]+)");
  private static final String RULE_ENV_PREFIX = "PATHAUTH_PATH_";
  private static final Pattern RULE_ENV =
      Pattern.compile("PATHAUTH_PATH_(.+)_(PATHS|MECHANISM|METHODS|POLICY|ROLES_ALLOWED)");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");

  /** A role name: printable ASCII without separators, quotes or wildcards. */
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:@/+-]+");

  private static final Set<String> ALGORITHMS =
      Set.of("RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512");

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
    Reader r = new Reader(config);
    List<PathRule> rules = new ArrayList<>();
    for (String name : ruleNames(config)) {
      rules.add(r.rule(name));
    }
    Mechanism defaultMechanism = r.mechanism(DEFAULT_MECHANISM, "none");
    try {
      PathMatcher.of(rules, defaultMechanism);
    } catch (PathMatcher.AmbiguousRuleException e) {
      throw new PathAuthConfigException(RULE_PREFIX + e.second().name() + ".paths", e.getMessage());
    }
    String loginPage = r.localPath("pathauth.session.login-page", "/login");
    SessionSettings session =
        new SessionSettings(
            loginPage,
            r.localPath("pathauth.session.error-page", withQuery(loginPage, "error=true")),
            r.localPath("pathauth.session.landing-page", "/"),
            r.plainPath("pathauth.session.logout-path", "/logout"),
            r.localPath("pathauth.session.logout-redirect", withQuery(loginPage, "logout=true")),
            r.positiveSeconds("pathauth.session.idle-timeout", 1800),
            r.positiveSeconds("pathauth.session.absolute-timeout", 28_800),
            r.boundedInt("pathauth.login.max-failures", 5, 1, 1000),
            r.boundedInt("pathauth.login.max-failures-per-address", 50, 1, 100_000),
            r.positiveSeconds("pathauth.login.window", 900));
    JwtSettings jwt = r.jwt();
    TokenSettings token = r.token();
    PathAuthConfig result =
        new PathAuthConfig(
            rules,
            defaultMechanism,
            r.realm(),
            session,
            jwt,
            token,
            r.state(),
            r.boundedInt("pathauth.jwt.cache.max-bytes", 16 << 20, 0, Integer.MAX_VALUE));
    if (result.uses(Mechanism.JWT) && !jwt.hasKey() && !token.enabled()) {
      throw new PathAuthConfigException(
          MP_PUBLICKEY,
          "a jwt path is configured but no verification key is: set "
              + MP_PUBLICKEY
              + " or "
              + MP_PUBLICKEY_LOCATION
              + ", or let pathauth issue tokens (pathauth.token.issuer)");
    }
    return result;
  }

  private static String withQuery(String path, String parameter) {
    return path + (path.contains("?") ? "&" : "?") + parameter;
  }

  /** Rule names, from dotted keys and from their environment-variable spelling. */
  static Set<String> ruleNames(Config config) {
    Set<String> names = new TreeSet<>();
    List<String> envKeys = new ArrayList<>();
    for (String key : config.getPropertyNames()) {
      if (key.startsWith(RULE_PREFIX)) {
        Matcher m = RULE_KEY.matcher(key);
        if (!m.matches()) {
          throw new PathAuthConfigException(
              key,
              "expected pathauth.path.<name>.<attribute> (a name has no dots; attributes: "
                  + RULE_ATTRIBUTE_NAMES
                  + ")");
        }
        if (!RULE_ATTRIBUTES.contains(m.group(2)) && !m.group(2).equals("roles.allowed")) {
          throw new PathAuthConfigException(
              key,
              "unknown rule attribute '"
                  + m.group(2)
                  + "' (expected "
                  + RULE_ATTRIBUTE_NAMES
                  + ")");
        }
        names.add(m.group(1));
      } else if (key.startsWith(RULE_ENV_PREFIX)) {
        envKeys.add(key);
      }
    }
    // An environment variable overrides a rule named in another source when its name is that
    // rule's MicroProfile Config spelling (PATHAUTH_PATH_MY_RULE_PATHS for my-rule); otherwise it
    // defines a new rule, named in lower case.
    Set<String> known = new TreeSet<>();
    for (String name : names) {
      known.add(envName(name));
    }
    for (String key : envKeys) {
      Matcher env = RULE_ENV.matcher(key);
      if (!env.matches()) {
        throw new PathAuthConfigException(
            key,
            "expected PATHAUTH_PATH_<NAME>_PATHS, _MECHANISM, _METHODS, _POLICY or _ROLES_ALLOWED");
      }
      if (!known.contains(env.group(1))) {
        names.add(env.group(1).toLowerCase(Locale.ROOT));
      }
    }
    return names;
  }

  private static String envName(String ruleName) {
    return ruleName.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** Reads typed values, always naming the key in errors. */
  private static final class Reader {
    private final Config config;

    Reader(Config config) {
      this.config = config;
    }

    Optional<String> string(String key) {
      return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
    }

    String required(String key) {
      return string(key).orElseThrow(() -> new PathAuthConfigException(key, "is required"));
    }

    List<String> list(String key) {
      return string(key)
          .map(
              v ->
                  java.util.Arrays.stream(v.split(","))
                      .map(String::trim)
                      .filter(s -> !s.isEmpty())
                      .toList())
          .orElse(List.of());
    }

    Mechanism mechanism(String key, String defaultValue) {
      try {
        return Mechanism.parse(string(key).orElse(defaultValue));
      } catch (IllegalArgumentException e) {
        throw new PathAuthConfigException(key, e.getMessage());
      }
    }

    PathRule rule(String name) {
      String base = RULE_PREFIX + name + ".";
      List<String> rawPaths = list(base + "paths");
      if (rawPaths.isEmpty()) {
        throw new PathAuthConfigException(base + "paths", "is required for rule '" + name + "'");
      }
      List<PathPattern> patterns = new ArrayList<>();
      for (String raw : new LinkedHashSet<>(rawPaths)) {
        try {
          patterns.add(PathPattern.parse(raw));
        } catch (IllegalArgumentException e) {
          throw new PathAuthConfigException(base + "paths", e.getMessage());
        }
      }
      required(base + "mechanism");
      Mechanism mechanism = mechanism(base + "mechanism", null);
      Set<String> methods = new LinkedHashSet<>();
      for (String m : list(base + "methods")) {
        String upper = m.toUpperCase(Locale.ROOT);
        if (!METHOD.matcher(upper).matches()) {
          throw new PathAuthConfigException(base + "methods", "bad HTTP method '" + m + "'");
        }
        methods.add(upper);
      }
      return new PathRule(name, patterns, mechanism, methods, access(base, mechanism));
    }

    /**
     * A rule's access policy: {@code roles-allowed} (at least one role) or {@code policy}. A policy
     * that needs a caller on a {@code none} rule is refused, as is an empty role list: both would
     * silently refuse or admit everyone.
     */
    AccessPolicy access(String base, Mechanism mechanism) {
      String policyKey = base + "policy";
      String rolesKey = base + "roles-allowed";
      Optional<String> policy = string(policyKey).map(p -> p.toLowerCase(Locale.ROOT));
      boolean rolesSet = isSet(rolesKey);
      AccessPolicy access;
      if (rolesSet) {
        if (policy.isPresent() && !policy.get().equals("authenticated")) {
          throw new PathAuthConfigException(
              rolesKey,
              "cannot be combined with " + policyKey + "=" + policy.get() + " (set one of them)");
        }
        Set<String> roles = new LinkedHashSet<>();
        for (String role : list(rolesKey)) {
          if (!ROLE.matcher(role).matches()) {
            throw new PathAuthConfigException(
                rolesKey,
                "bad role name '"
                    + role
                    + "' (letters, digits and . _ : @ / + -; for any authenticated caller set "
                    + policyKey
                    + "=authenticated)");
          }
          roles.add(role);
        }
        if (roles.isEmpty()) {
          throw new PathAuthConfigException(rolesKey, "must name at least one role");
        }
        access = AccessPolicy.rolesAllowed(roles);
      } else {
        access =
            switch (policy.orElse("permit")) {
              case "permit" -> AccessPolicy.PERMIT;
              case "deny" -> AccessPolicy.DENY;
              case "authenticated" -> AccessPolicy.AUTHENTICATED;
              default ->
                  throw new PathAuthConfigException(
                      policyKey,
                      "unknown policy '"
                          + policy.get()
                          + "' (expected permit, deny or authenticated; roles go in "
                          + rolesKey
                          + ")");
            };
      }
      if (mechanism == Mechanism.NONE && access.requiresCaller()) {
        throw new PathAuthConfigException(
            rolesSet ? rolesKey : policyKey,
            "a rule with mechanism none authenticates no caller, so it cannot require one (use"
                + " mechanism session or jwt, or policy deny)");
      }
      return access;
    }

    /**
     * Whether a key is present at all, even with an empty value (MicroProfile Config reads an empty
     * value as "not set", which would turn {@code roles-allowed=} into no policy).
     */
    boolean isSet(String key) {
      if (string(key).isPresent()) {
        return true;
      }
      for (String name : config.getPropertyNames()) {
        if (name.equals(key)) {
          return true;
        }
      }
      return false;
    }

    String localPath(String key, String defaultValue) {
      String v = string(key).orElse(defaultValue);
      if (!v.startsWith("/")
          || v.startsWith("//")
          || v.contains("\\")
          || v.contains("://")
          || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '"')) {
        throw new PathAuthConfigException(
            key, "'" + v + "' must be a path inside the application starting with a single '/'");
      }
      return v;
    }

    String plainPath(String key, String defaultValue) {
      String v = localPath(key, defaultValue);
      if (v.contains("?") || v.contains("*") || v.contains("#")) {
        throw new PathAuthConfigException(key, "must be a plain path (no query, no wildcard)");
      }
      return v;
    }

    StateSettings state() {
      String store = string("pathauth.state.store").orElse("file").toLowerCase(Locale.ROOT);
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
          string("pathauth.state.jcache.uri"),
          string("pathauth.state.jcache.prefix").orElse("pathauth."));
    }

    String realm() {
      String realm = string(REALM).orElse("pathauth");
      if (!realm.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
        throw new PathAuthConfigException(REALM, "must be printable ASCII without quotes");
      }
      return realm;
    }

    int boundedInt(String key, int defaultValue, int min, int max) {
      String v = string(key).orElse(null);
      if (v == null) {
        return defaultValue;
      }
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max) {
          throw new NumberFormatException();
        }
        return i;
      } catch (NumberFormatException e) {
        throw new PathAuthConfigException(key, "must be a number from " + min + " to " + max);
      }
    }

    long positiveSeconds(String key, long defaultValue) {
      String v = string(key).orElse(null);
      if (v == null) {
        return defaultValue;
      }
      try {
        long l = Long.parseLong(v);
        if (l <= 0) {
          throw new NumberFormatException();
        }
        return l;
      } catch (NumberFormatException e) {
        throw new PathAuthConfigException(key, "must be a positive number of seconds");
      }
    }

    TokenSettings token() {
      String algorithm =
          string("pathauth.token.algorithm").orElse("RS256").toUpperCase(Locale.ROOT);
      if (!algorithm.equals("RS256") && !algorithm.equals("ES256")) {
        throw new PathAuthConfigException("pathauth.token.algorithm", "must be RS256 or ES256");
      }
      String adminPath = plainPath("pathauth.admin.path", "/admin");
      if (adminPath.length() > 1 && adminPath.endsWith("/")) {
        throw new PathAuthConfigException("pathauth.admin.path", "must not end with '/'");
      }
      java.nio.file.Path stateDir =
          string("pathauth.state.dir")
              .map(java.nio.file.Path::of)
              .orElseGet(
                  () -> java.nio.file.Path.of(System.getProperty("user.dir"), "pathauth-state"));
      return new TokenSettings(
          string("pathauth.token.issuer"),
          string("pathauth.token.audience").orElse("pathauth"),
          algorithm,
          positiveSeconds("pathauth.token.access-lifetime", 300),
          positiveSeconds("pathauth.token.refresh-lifetime", 86_400),
          positiveSeconds("pathauth.token.family-lifetime", 604_800),
          plainPath("pathauth.token.path", "/auth/token"),
          plainPath("pathauth.token.logout-path", "/auth/logout"),
          plainPath("pathauth.token.jwks-path", "/.well-known/jwks.json"),
          adminPath,
          string("pathauth.admin.role").orElse("admin"),
          list("pathauth.token.keys"),
          stateDir.toAbsolutePath());
    }

    JwtSettings jwt() {
      if (string(MP_DECRYPT_KEY_LOCATION).isPresent()) {
        // Accepting the configuration would leave every encrypted token rejected, or worse,
        // suggest a confidentiality the deployment does not have: say so at deploy time.
        throw new PathAuthConfigException(
            MP_DECRYPT_KEY_LOCATION,
            "encrypted tokens (JWE) are not supported; pathauth verifies signed tokens (JWS)");
      }
      Optional<String> key = string(MP_PUBLICKEY);
      Optional<String> location = string(MP_PUBLICKEY_LOCATION);
      if (key.isPresent() && location.isPresent()) {
        throw new PathAuthConfigException(
            MP_PUBLICKEY_LOCATION,
            "set either " + MP_PUBLICKEY + " or " + MP_PUBLICKEY_LOCATION + ", not both");
      }
      Set<String> algorithms = new LinkedHashSet<>();
      for (String a : list(MP_PUBLICKEY_ALGORITHM)) {
        String upper = a.toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.contains(upper)) {
          throw new PathAuthConfigException(
              MP_PUBLICKEY_ALGORITHM,
              "unsupported algorithm '"
                  + a
                  + "' (allowed: "
                  + ALGORITHMS.stream().sorted().collect(Collectors.joining(", "))
                  + ")");
        }
        algorithms.add(upper);
      }
      if (algorithms.isEmpty()) {
        algorithms.add("RS256");
        algorithms.add("ES256");
      }
      String header = string(MP_TOKEN_HEADER).orElse("Authorization");
      if (!header.equalsIgnoreCase("Authorization") && !header.equalsIgnoreCase("Cookie")) {
        throw new PathAuthConfigException(MP_TOKEN_HEADER, "must be Authorization or Cookie");
      }
      String tokenAge = string(MP_TOKEN_AGE).orElse(null);
      return new JwtSettings(
          key,
          location,
          algorithms,
          string(MP_ISSUER),
          list(MP_AUDIENCES),
          boundedInt(MP_CLOCK_SKEW, 60, 0, Integer.MAX_VALUE),
          tokenAge == null
              ? OptionalLong.empty()
              : OptionalLong.of(boundedInt(MP_TOKEN_AGE, 0, 0, Integer.MAX_VALUE)),
          header,
          string(MP_TOKEN_COOKIE).orElse("Bearer"),
          boundedInt("pathauth.jwt.max-token-length", 8192, 256, 1 << 20),
          string("pathauth.jwt.typ"));
    }
  }
}
