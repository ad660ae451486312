package io.pathauth.ee11;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.cdi.ApplicationMechanisms;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import org.junit.jupiter.api.Test;

class HandlerExtensionTest {

  @Test
  void whenTheHandlerTypeIsOnTheClassPath_thenTheExtensionFindsItByTheRightName() {
    // the name is a string so that the extension loads on Jakarta Security 3.0 servers
    assertEquals(
        HttpAuthenticationMechanismHandler.class.getName(), ApplicationMechanisms.HANDLER_TYPE);
    assertTrue(ApplicationMechanisms.handlerType().isPresent());
  }
}
