package io.pathauth.path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  @Test
  void whenTheCallerHoldsOneOfTheRoles_thenARolePolicyAdmitsThem() {
    AccessPolicy p = AccessPolicy.rolesAllowed(Set.of("admin", "auditor"));
    assertTrue(p.requiresCaller());
    assertTrue(p.admits("auditor"::equals));
    assertFalse(p.admits("user"::equals));
    assertFalse(p.admits(role -> false));
  }

  @Test
  void whenThePolicyIsDeny_thenNoCallerIsAdmittedAndNoneIsChallenged() {
    assertFalse(AccessPolicy.DENY.admits(role -> true));
    assertFalse(AccessPolicy.DENY.requiresCaller(), "refused before authentication");
  }

  @Test
  void whenThePolicyIsPermitOrAuthenticated_thenEveryAuthenticatedCallerIsAdmitted() {
    assertTrue(AccessPolicy.PERMIT.admits(role -> false));
    assertFalse(AccessPolicy.PERMIT.requiresCaller());
    assertTrue(AccessPolicy.AUTHENTICATED.admits(role -> false));
    assertTrue(AccessPolicy.AUTHENTICATED.requiresCaller());
  }

  @Test
  void whenARolePolicyHasNoRoles_thenItCannotBeBuilt() {
    assertThrows(IllegalArgumentException.class, () -> AccessPolicy.rolesAllowed(Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AccessPolicy(AccessPolicy.Kind.PERMIT, Set.of("admin")));
  }

  @Test
  void whenANoneRuleRequiresACaller_thenTheRuleCannotBeBuilt() {
    List<PathPattern> paths = List.of(PathPattern.parse("/open/*"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PathRule("open", paths, Mechanism.NONE, Set.of(), AccessPolicy.AUTHENTICATED));
    new PathRule("closed", paths, Mechanism.NONE, Set.of(), AccessPolicy.DENY);
  }
}
