package io.pathauth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerTokenErrorTest {

  @Test
  void whenErrorsAreCreated_thenDescriptionsAreQuotable() {
    assertThrows(
        IllegalArgumentException.class, () -> BearerTokenErrors.invalidToken("has \"quote\""));
    assertTrue(BearerTokenError.isQuotable("The token has expired"));
    assertFalse(BearerTokenError.isQuotable("back\\slash"));
  }

  @Test
  void whenTheCallerLacksARole_thenForbiddenWithInsufficientScope() {
    BearerTokenError e =
        BearerTokenErrors.insufficientScope("The caller lacks a required role", null);
    assertEquals(403, e.status());
    assertEquals(BearerTokenError.INSUFFICIENT_SCOPE, e.code());
  }
}
