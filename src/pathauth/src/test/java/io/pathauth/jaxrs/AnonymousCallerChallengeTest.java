package io.pathauth.jaxrs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.reflect.Method;
import org.junit.jupiter.api.Test;

class AnonymousCallerChallengeTest {

  @RolesAllowed("user")
  static class Guarded {
    public void inherits() {}

    @PermitAll
    public void open() {}

    @DenyAll
    public void closed() {}
  }

  static class Plain {
    public void free() {}

    @RolesAllowed("admin")
    public void admins() {}
  }

  private static boolean needsRoles(Class<?> type, String method) throws NoSuchMethodException {
    Method m = type.getMethod(method);
    return AnonymousCallerChallenge.needsRoles(type, m);
  }

  @Test
  void whenTheMethodOrItsClassNamesRoles_thenAnAnonymousCallerIsAskedToAuthenticate()
      throws NoSuchMethodException {
    assertTrue(needsRoles(Guarded.class, "inherits"));
    assertTrue(needsRoles(Plain.class, "admins"));
  }

  @Test
  void whenTheMethodPermitsOrDeniesAllOrNamesNoRoles_thenNothingIsAsked()
      throws NoSuchMethodException {
    assertFalse(needsRoles(Guarded.class, "open"));
    assertFalse(needsRoles(Guarded.class, "closed"));
    assertFalse(needsRoles(Plain.class, "free"));
    assertFalse(AnonymousCallerChallenge.needsRoles(Plain.class, null));
  }
}
