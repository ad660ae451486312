package io.pathauth.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How an external token's claims become a caller, and which tokens are of the right kind: the claim
 * mapping that identity providers need (Keycloak's {@code realm_access.roles}, Cognito's {@code
 * cognito:groups} and {@code client_id}, Entra ID's {@code roles} and {@code scp}, Auth0's
 * namespaced claims), the JOSE {@code typ} allow-list, and the claims a token must carry.
 *
 * <pre>
 * pathauth.jwt.roles-claims=groups                  claim paths whose string arrays are roles
 * pathauth.jwt.scope-claim=scope                    a space-separated string claim, also roles
 * pathauth.jwt.scope-role-prefix=                   put before each scope (e.g. SCOPE_)
 * pathauth.jwt.name-claim=                          the caller's name (default upn, preferred_username, sub)
 * pathauth.jwt.audience-fallback-claims=client_id   checked against mp.jwt.verify.audiences when aud is absent
 * pathauth.jwt.required-claims=token_use=access     path=value pairs every token must carry
 * pathauth.jwt.typ-allowed=JWT,at+jwt               accepted JOSE typ headers (a missing typ is accepted)
 * pathauth.jwt.typ=                                 when set: typ is required and must be this value
 * </pre>
 *
 * @param roles claim paths, each an array of strings (or absent)
 * @param scopeRoles a claim path to a space-separated string (or absent)
 * @param scopePrefix put before each scope taken as a role
 * @param name the claim path of the caller's name; empty: MP-JWT's rule
 * @param audienceFallback top-level claims taken as the audience when {@code aud} is absent
 * @param required claims every token must carry, with their string value
 * @param allowedTypes accepted {@code typ} header values, upper case, without {@code application/}
 * @param typeRequired whether a token without {@code typ} is refused
 */
public record ClaimSettings(
    List<ClaimPath> roles,
    Optional<ClaimPath> scopeRoles,
    String scopePrefix,
    Optional<ClaimPath> name,
    List<String> audienceFallback,
    List<RequiredClaim> required,
    Set<String> allowedTypes,
    boolean typeRequired) {

  public static final String ROLES = "pathauth.jwt.roles-claims";
  public static final String SCOPE = "pathauth.jwt.scope-claim";
  public static final String SCOPE_PREFIX = "pathauth.jwt.scope-role-prefix";
  public static final String NAME = "pathauth.jwt.name-claim";
  public static final String AUDIENCE_FALLBACK = "pathauth.jwt.audience-fallback-claims";
  public static final String REQUIRED = "pathauth.jwt.required-claims";
  public static final String TYP_ALLOWED = "pathauth.jwt.typ-allowed";
  public static final String TYP = "pathauth.jwt.typ";

  /** The {@code typ} values of access tokens (RFC 7519 {@code JWT}, RFC 9068 {@code at+jwt}). */
  public static final Set<String> DEFAULT_TYPES = Set.of("JWT", "AT+JWT");

  /**
   * A claim a token must carry with exactly this string value.
   *
   * @param path where the claim sits (one value, no {@code *})
   */
  public record RequiredClaim(ClaimPath path, String value) {}

  public ClaimSettings {
    roles = List.copyOf(roles);
    audienceFallback = List.copyOf(audienceFallback);
    required = List.copyOf(required);
    allowedTypes = Set.copyOf(allowedTypes);
  }

  /**
   * MP-JWT's own shape: roles from {@code groups}, the name by MP-JWT's rule, access-token types.
   */
  public static ClaimSettings standard() {
    return new ClaimSettings(
        List.of(ClaimPath.parse(ROLES, "groups")),
        Optional.empty(),
        "",
        Optional.empty(),
        List.of(),
        List.of(),
        DEFAULT_TYPES,
        false);
  }

  /** The standard mapping with exactly one accepted, required {@code typ}. */
  public static ClaimSettings exactType(String typ) {
    return standard().withTypes(Set.of(normalType(typ)), true);
  }

  /**
   * The standard mapping with these settings' {@code typ} rules: how pathauth's own tokens are read
   * (their shape is pathauth's, the kind rules are the deployment's).
   */
  public ClaimSettings typesOnly() {
    return standard().withTypes(allowedTypes, typeRequired);
  }

  private ClaimSettings withTypes(Set<String> types, boolean required) {
    return new ClaimSettings(
        roles, scopeRoles, scopePrefix, name, audienceFallback, this.required, types, required);
  }

  /**
   * Whether a token's caller is MP-JWT's standard one (roles from {@code groups} alone, the
   * standard name): then the verified token needs no mapping.
   */
  public boolean standardCaller() {
    return roles.size() == 1
        && roles.get(0).segments().equals(List.of("groups"))
        && scopeRoles.isEmpty()
        && name.isEmpty();
  }

  /** {@code typ} as compared: upper case, without the optional {@code application/} (RFC 7515). */
  public static String normalType(String typ) {
    String upper = typ.trim().toUpperCase(Locale.ROOT);
    return upper.startsWith("APPLICATION/") ? upper.substring("APPLICATION/".length()) : upper;
  }

  /** Reads the claim keys of the bearer feature. */
  static ClaimSettings read(ConfigReader r, List<String> audiences) {
    List<ClaimPath> roles = new ArrayList<>();
    for (String path : r.list(ROLES)) {
      roles.add(ClaimPath.parse(ROLES, path));
    }
    if (roles.isEmpty()) {
      if (r.isSet(ROLES)) {
        throw new PathAuthConfigException(ROLES, "names no claim");
      }
      roles.add(ClaimPath.parse(ROLES, "groups"));
    }
    Optional<ClaimPath> scope = r.string(SCOPE).map(p -> single(SCOPE, p));
    String prefix = r.string(SCOPE_PREFIX).orElse("");
    if (!prefix.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new PathAuthConfigException(SCOPE_PREFIX, "must be printable ASCII without spaces");
    }
    if (!prefix.isEmpty() && scope.isEmpty()) {
      throw new PathAuthConfigException(SCOPE_PREFIX, "is set but " + SCOPE + " is not");
    }
    Optional<ClaimPath> name = r.string(NAME).map(p -> single(NAME, p));
    List<String> fallback = r.list(AUDIENCE_FALLBACK);
    for (String claim : fallback) {
      if (claim.isBlank() || claim.contains("/")) {
        throw new PathAuthConfigException(
            AUDIENCE_FALLBACK, "'" + claim + "' is not a top-level claim name");
      }
    }
    if (!fallback.isEmpty() && audiences.isEmpty()) {
      throw new PathAuthConfigException(
          AUDIENCE_FALLBACK, "needs " + JwtSettings.MP_AUDIENCES + ": the values to compare with");
    }
    List<RequiredClaim> required = new ArrayList<>();
    for (String entry : r.list(REQUIRED)) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new PathAuthConfigException(
            REQUIRED, "'" + entry + "' is not of the form claim=value");
      }
      required.add(
          new RequiredClaim(single(REQUIRED, entry.substring(0, eq)), entry.substring(eq + 1)));
    }
    Optional<String> exact = r.string(TYP);
    Set<String> types = new LinkedHashSet<>();
    if (exact.isPresent()) {
      if (r.isSet(TYP_ALLOWED)) {
        throw new PathAuthConfigException(TYP_ALLOWED, "set either " + TYP + " or it, not both");
      }
      types.add(normalType(exact.get()));
    } else {
      for (String typ : r.list(TYP_ALLOWED)) {
        types.add(normalType(typ));
      }
      if (types.isEmpty()) {
        if (r.isSet(TYP_ALLOWED)) {
          throw new PathAuthConfigException(TYP_ALLOWED, "names no type");
        }
        types.addAll(DEFAULT_TYPES);
      }
    }
    return new ClaimSettings(
        roles, scope, prefix, name, fallback, required, types, exact.isPresent());
  }

  private static ClaimPath single(String key, String text) {
    ClaimPath path = ClaimPath.parse(key, text.trim());
    if (path.fansOut()) {
      throw new PathAuthConfigException(key, "'" + text + "' must name one claim (no *)");
    }
    return path;
  }
}
