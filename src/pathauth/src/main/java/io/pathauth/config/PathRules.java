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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The path rules' keys, defaults and validation:
 *
 * <pre>
 * pathauth.path.&lt;name&gt;.paths=/api/*,/v2/*
 * pathauth.path.&lt;name&gt;.mechanism=session|jwt|none|application
 * pathauth.path.&lt;name&gt;.qualifier=com.example.Api  (with application: the mechanism bean's qualifier)
 * pathauth.path.&lt;name&gt;.methods=GET,POST        (optional)
 * pathauth.path.&lt;name&gt;.roles-allowed=a,b       (optional: an authenticated caller in role a or b)
 * pathauth.path.&lt;name&gt;.policy=permit|deny|authenticated  (optional, default permit)
 * pathauth.default-mechanism=none                 (for unmatched paths)
 * </pre>
 *
 * @param rules the rules, by name
 * @param defaultMechanism the mechanism of paths no rule matches
 */
public record PathRules(List<PathRule> rules, Mechanism defaultMechanism) {

  public static final String RULE_PREFIX = "pathauth.path.";
  public static final String DEFAULT_MECHANISM = "pathauth.default-mechanism";

  private static final Set<String> RULE_ATTRIBUTES =
      Set.of("paths", "mechanism", "methods", "policy", "roles-allowed", "qualifier");
  private static final String RULE_ATTRIBUTE_NAMES =
      "paths, mechanism, methods, policy, roles-allowed or qualifier";
  // "roles.allowed": how SmallRye Config names PATHAUTH_PATH_<NAME>_ROLES_ALLOWED when no other
  // source spells the key; it reads the value under roles-allowed all the same
  private static final Pattern RULE_KEY =
      Pattern.compile("pathauth\\.path\\.([^.]+)\\.(roles\\.allowed|[^.]+)");
  private static final String RULE_ENV_PREFIX = "PATHAUTH_PATH_";
  private static final Pattern RULE_ENV =
      Pattern.compile(
          "PATHAUTH_PATH_(.+)_(PATHS|MECHANISM|METHODS|POLICY|ROLES_ALLOWED|QUALIFIER)");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");

  /** A class name, nested classes with . or $. */
  private static final Pattern QUALIFIER =
      Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

  /** A role name: printable ASCII without separators, quotes or wildcards. */
  private static final Pattern ROLE = Pattern.compile("[A-Za-z0-9._:@/+-]+");

  public PathRules {
    rules = List.copyOf(rules);
  }

  /**
   * Reads the rules; two rules that claim one pattern for overlapping methods are refused.
   *
   * @throws PathAuthConfigException naming the first bad key
   */
  public static PathRules read(ConfigReader r) {
    List<PathRule> rules = new ArrayList<>();
    for (String name : ruleNames(r.config())) {
      rules.add(rule(r, name));
    }
    Mechanism defaultMechanism = r.mechanism(DEFAULT_MECHANISM, "none");
    if (defaultMechanism == Mechanism.APPLICATION) {
      throw new PathAuthConfigException(
          DEFAULT_MECHANISM,
          "cannot be application (name the paths of the application's mechanism in a rule, with its"
              + " qualifier)");
    }
    try {
      PathMatcher.of(rules, defaultMechanism);
    } catch (PathMatcher.AmbiguousRuleException e) {
      throw new PathAuthConfigException(RULE_PREFIX + e.second().name() + ".paths", e.getMessage());
    }
    return new PathRules(rules, defaultMechanism);
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
            "expected PATHAUTH_PATH_<NAME>_PATHS, _MECHANISM, _METHODS, _POLICY, _ROLES_ALLOWED or"
                + " _QUALIFIER");
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

  static PathRule rule(ConfigReader r, String name) {
    String base = RULE_PREFIX + name + ".";
    List<String> rawPaths = r.list(base + "paths");
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
    r.required(base + "mechanism");
    Mechanism mechanism = r.mechanism(base + "mechanism", null);
    Set<String> methods = new LinkedHashSet<>();
    for (String m : r.list(base + "methods")) {
      String upper = m.toUpperCase(Locale.ROOT);
      if (!METHOD.matcher(upper).matches()) {
        throw new PathAuthConfigException(base + "methods", "bad HTTP method '" + m + "'");
      }
      methods.add(upper);
    }
    Optional<String> qualifier = r.string(base + "qualifier").map(String::trim);
    if (mechanism == Mechanism.APPLICATION) {
      if (qualifier.isEmpty() || !QUALIFIER.matcher(qualifier.get()).matches()) {
        throw new PathAuthConfigException(
            base + "qualifier",
            "must name the qualifier annotation of the application's mechanism bean, as a class"
                + " name (e.g. jakarta.security.enterprise.authentication.mechanism.http"
                + ".BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism)");
      }
    } else if (qualifier.isPresent()) {
      throw new PathAuthConfigException(
          base + "qualifier",
          "only goes with mechanism application, not " + mechanism.configName());
    }
    return new PathRule(
        name, patterns, mechanism, methods, access(r, base, mechanism), qualifier.orElse(null));
  }

  /**
   * A rule's access policy: {@code roles-allowed} (at least one role) or {@code policy}. A policy
   * that needs a caller on a {@code none} rule is refused, as is an empty role list: both would
   * silently refuse or admit everyone.
   */
  static AccessPolicy access(ConfigReader r, String base, Mechanism mechanism) {
    String policyKey = base + "policy";
    String rolesKey = base + "roles-allowed";
    Optional<String> policy = r.string(policyKey).map(p -> p.toLowerCase(Locale.ROOT));
    boolean rolesSet = r.isSet(rolesKey);
    AccessPolicy access;
    if (rolesSet) {
      if (policy.isPresent() && !policy.get().equals("authenticated")) {
        throw new PathAuthConfigException(
            rolesKey,
            "cannot be combined with " + policyKey + "=" + policy.get() + " (set one of them)");
      }
      Set<String> roles = new LinkedHashSet<>();
      for (String role : r.list(rolesKey)) {
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
}
