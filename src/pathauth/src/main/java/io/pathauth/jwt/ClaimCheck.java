package io.pathauth.jwt;

import io.pathauth.config.ClaimPath;
import io.pathauth.config.ClaimSettings;
import io.pathauth.config.ClaimSettings.RequiredClaim;
import io.pathauth.http.BearerTokenErrors;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.base64url.Base64Url;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.lang.JoseException;

/**
 * The token-kind and claim step of the signature-and-claims stage: what smallrye-jwt and jose4j
 * leave lenient, made strict, and the claim mapping identity providers need.
 *
 * <ul>
 *   <li><b>The headers</b> ({@link #checkHeaders}): explicit typing (RFC 8725 §3.11): a {@code typ}
 *       header outside the allow-list (default {@code JWT}, {@code at+jwt}) names another kind of
 *       object, such as an OIDC logout token ({@code logout+jwt}) or a security event ({@code
 *       secevent+jwt}), and is refused; a {@code cty} header (a nested token inside a signature) is
 *       refused.
 *   <li><b>After the signature</b> ({@link #apply}): the claims as the token carries them, read
 *       from its payload again, because smallrye-jwt rewrites some (it splits a {@code groups}
 *       string at spaces). Each registered claim must have the JSON type MP-JWT and RFC 7519
 *       define, never coerced: {@code iss}, {@code sub}, {@code jti}, {@code upn}, {@code
 *       preferred_username} strings; {@code aud} a string or an array of strings; {@code exp},
 *       {@code iat}, {@code nbf}, {@code auth_time} numbers; {@code groups} an array of strings.
 *       Then the required claims, the audience fallback ({@code client_id}/{@code azp} where an IdP
 *       omits {@code aud}), and the mapping of roles and name.
 * </ul>
 *
 * Every refusal is an {@link InvalidBearerTokenException}: the token is bad (401).
 */
public final class ClaimCheck {

  private static final List<String> STRINGS =
      List.of("iss", "sub", "jti", "upn", "preferred_username");
  private static final List<String> NUMBERS = List.of("exp", "iat", "nbf", "auth_time");

  private final ClaimSettings settings;
  private final Set<String> audiences;

  /**
   * @param audiences {@code mp.jwt.verify.audiences}, checked here when an audience fallback is
   *     configured (smallrye-jwt would refuse a token without {@code aud} before)
   */
  public ClaimCheck(ClaimSettings settings, List<String> audiences) {
    this.settings = settings;
    this.audiences = Set.copyOf(audiences);
  }

  /** Whether {@code aud} is checked here rather than by smallrye-jwt. */
  public boolean checksAudience() {
    return !settings.audienceFallback().isEmpty();
  }

  /**
   * A JOSE header's kind rules. The innermost object is the token proper: its {@code typ} must be
   * allowed (and present when required); an outer JWE's {@code typ}, if any, must be allowed too. A
   * JWS with a {@code cty} header holds another token inside its signature: refused. A compact JWS
   * is checked before any signature work; the objects of an encrypted token after decryption.
   *
   * @param header the header's parameters by name
   * @param innermost whether this object carries the claims
   * @param signature whether this object is a JWS
   */
  public void checkHeader(Function<String, Object> header, boolean innermost, boolean signature) {
    checkType(header.apply("typ"), innermost && settings.typeRequired());
    if (signature && header.apply("cty") != null) {
      throw refused("Nested tokens are not accepted");
    }
  }

  /** {@link #checkHeader} on each object smallrye-jwt processed, innermost first. */
  public void checkHeaders(List<JsonWebStructure> objects) {
    for (int i = 0; i < objects.size(); i++) {
      JsonWebStructure object = objects.get(i);
      checkHeader(
          object.getHeaders()::getObjectHeaderValue, i == 0, object instanceof JsonWebSignature);
    }
  }

  private void checkType(Object typ, boolean required) {
    if (typ == null) {
      if (required) {
        throw refused("Wrong token type");
      }
    } else if (!(typ instanceof String s)
        || !settings.allowedTypes().contains(ClaimSettings.normalType(s))) {
      throw refused("Wrong token type");
    }
  }

  /**
   * The claim rules on a token whose signature, issuer, audience and times smallrye-jwt verified.
   *
   * @return the caller as this deployment maps it: {@code verified} itself under MP-JWT's standard
   *     mapping, else a token whose name and groups are the mapped ones
   */
  public JsonWebToken apply(String payload, JsonWebToken verified) {
    Map<String, Object> claims = json(payload);
    for (String name : STRINGS) {
      Object v = claims.get(name);
      if (v != null && !(v instanceof String)) {
        throw wrongType(name);
      }
    }
    for (String name : NUMBERS) {
      Object v = claims.get(name);
      if (v != null && !(v instanceof Number)) {
        throw wrongType(name);
      }
    }
    Object aud = claims.get("aud");
    if (aud != null && !(aud instanceof String) && !isStringArray(aud)) {
      throw wrongType("aud");
    }
    Object groups = claims.get("groups");
    if (groups != null && !isStringArray(groups)) {
      throw wrongType("groups");
    }
    for (RequiredClaim required : settings.required()) {
      List<Object> found = required.path().find(claims);
      if (found.size() != 1 || !required.value().equals(found.get(0))) {
        throw refused("A required claim is missing or wrong");
      }
    }
    if (checksAudience()) {
      checkAudience(claims, aud);
    }
    if (settings.standardCaller()) {
      return verified;
    }
    return new MappedToken(verified, name(claims, verified), roles(claims));
  }

  private void checkAudience(Map<String, Object> claims, Object aud) {
    if (aud != null) {
      List<?> values = aud instanceof List<?> l ? l : List.of(aud);
      if (values.stream().noneMatch(audiences::contains)) {
        throw refused("The token audience is not accepted");
      }
      return;
    }
    for (String claim : settings.audienceFallback()) {
      Object v = claims.get(claim);
      if (v != null) {
        if (!(v instanceof String s)) {
          throw wrongType(claim);
        }
        if (audiences.contains(s)) {
          return;
        }
        throw refused("The token audience is not accepted");
      }
    }
    throw refused("The token audience is not accepted");
  }

  private String name(Map<String, Object> claims, JsonWebToken verified) {
    Optional<ClaimPath> path = settings.name();
    if (path.isEmpty()) {
      return verified.getName();
    }
    List<Object> found = path.get().find(claims);
    if (found.isEmpty()) {
      throw refused("The token names no caller");
    }
    if (!(found.get(0) instanceof String s) || s.isEmpty()) {
      throw wrongType(path.get().text());
    }
    return s;
  }

  private Set<String> roles(Map<String, Object> claims) {
    Set<String> roles = new LinkedHashSet<>();
    for (ClaimPath path : settings.roles()) {
      for (Object value : path.find(claims)) {
        if (!isStringArray(value)) {
          throw wrongType(path.text());
        }
        for (Object role : (List<?>) value) {
          roles.add((String) role);
        }
      }
    }
    if (settings.scopeRoles().isPresent()) {
      ClaimPath path = settings.scopeRoles().get();
      for (Object value : path.find(claims)) {
        if (!(value instanceof String scopes)) {
          throw wrongType(path.text());
        }
        for (String scope : scopes.split(" ")) {
          if (!scope.isEmpty()) {
            roles.add(settings.scopePrefix() + scope);
          }
        }
      }
    }
    return Set.copyOf(roles);
  }

  private static boolean isStringArray(Object value) {
    if (!(value instanceof List<?> list)) {
      return false;
    }
    for (Object element : list) {
      if (!(element instanceof String)) {
        return false;
      }
    }
    return true;
  }

  /** The JOSE header of a compact JWS or JWE, unverified (its first segment). */
  public static Map<String, Object> header(String compact) {
    int end = compact.indexOf('.');
    if (end < 0) {
      throw refused("Malformed token");
    }
    try {
      return json(Base64Url.decodeToUtf8String(compact.substring(0, end)));
    } catch (RuntimeException e) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Malformed token"), e);
    }
  }

  /** A JSON object, parsed by jose4j (which refuses duplicate member names). */
  private static Map<String, Object> json(String text) {
    try {
      return JsonUtil.parseJson(text);
    } catch (JoseException | RuntimeException e) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Malformed token"), e);
    }
  }

  private static InvalidBearerTokenException wrongType(String claim) {
    return refused("The claim '" + claim + "' has the wrong type");
  }

  private static InvalidBearerTokenException refused(String description) {
    return new InvalidBearerTokenException(BearerTokenErrors.invalidToken(description));
  }
}
