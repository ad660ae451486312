package io.pathauth.path;

import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a path rule demands of the caller once its mechanism has run, in the spirit of Quarkus'
 * {@code quarkus.http.auth.permission.*} policies. pathauth enforces it in addition to whatever the
 * application declares ({@code web.xml} constraints, {@code @ServletSecurity}, {@code
 * RolesAllowed}): a request must pass both.
 *
 * @param kind the policy
 * @param roles for {@link Kind#ROLES}, the roles of which the caller needs at least one; empty
 *     otherwise
 */
public record AccessPolicy(Kind kind, Set<String> roles) {

  /** The policies a rule can carry. */
  public enum Kind {
    /**
     * pathauth demands nothing more: anonymous callers pass unless the application's own
     * constraints protect the resource (the default).
     */
    PERMIT,
    /** Every request is refused with 403, before any authentication. */
    DENY,
    /** The path's mechanism must authenticate the caller (as if a constraint protected it). */
    AUTHENTICATED,
    /** An authenticated caller in at least one of {@link #roles()}. */
    ROLES
  }

  public static final AccessPolicy PERMIT = new AccessPolicy(Kind.PERMIT, Set.of());
  public static final AccessPolicy DENY = new AccessPolicy(Kind.DENY, Set.of());
  public static final AccessPolicy AUTHENTICATED = new AccessPolicy(Kind.AUTHENTICATED, Set.of());

  public AccessPolicy {
    Objects.requireNonNull(kind, "kind");
    roles = Set.copyOf(roles);
    if ((kind == Kind.ROLES) == roles.isEmpty()) {
      throw new IllegalArgumentException(
          kind == Kind.ROLES ? "a role policy needs at least one role" : kind + " takes no roles");
    }
  }

  /** A caller must hold at least one of {@code roles}. */
  public static AccessPolicy rolesAllowed(Set<String> roles) {
    return new AccessPolicy(Kind.ROLES, roles);
  }

  /** Whether an anonymous caller must be challenged to authenticate. */
  public boolean requiresCaller() {
    return kind == Kind.AUTHENTICATED || kind == Kind.ROLES;
  }

  /**
   * Whether an authenticated caller passes.
   *
   * @param inRole answers whether the caller is in a role (the container's {@code isUserInRole}, so
   *     that the server's group-to-role mapping applies as it does to {@code @RolesAllowed})
   */
  public boolean admits(Predicate<String> inRole) {
    return switch (kind) {
      case PERMIT, AUTHENTICATED -> true;
      case DENY -> false;
      case ROLES -> roles.stream().anyMatch(inRole);
    };
  }
}
