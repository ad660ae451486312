package io.pathauth.jwt;

import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token whose caller name and groups come from the deployment's claim mapping ({@code
 * pathauth.jwt.roles-claims}, {@code scope-claim}, {@code name-claim}): {@code getName()}, {@code
 * getGroups()} and the {@code groups} claim answer the mapped values, so {@code @Inject
 * JsonWebToken}, {@code @Claim("groups")}, {@code isUserInRole} and {@code @RolesAllowed} all see
 * the same roles. Every other claim is the token's own.
 */
final class MappedToken implements JsonWebToken {

  private final JsonWebToken token;
  private final String name;
  private final Set<String> groups;

  MappedToken(JsonWebToken token, String name, Set<String> groups) {
    this.token = token;
    this.name = name;
    this.groups = Set.copyOf(groups);
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public Set<String> getGroups() {
    return groups;
  }

  @Override
  public Set<String> getClaimNames() {
    Set<String> names = new HashSet<>(token.getClaimNames());
    if (groups.isEmpty()) {
      names.remove(Claims.groups.name());
    } else {
      names.add(Claims.groups.name());
    }
    return names;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T getClaim(String claimName) {
    if (Claims.groups.name().equals(claimName)) {
      return groups.isEmpty() ? null : (T) groups;
    }
    return token.getClaim(claimName);
  }

  @Override
  public String toString() {
    return "MappedToken[" + name + ", groups=" + groups + "]";
  }
}
