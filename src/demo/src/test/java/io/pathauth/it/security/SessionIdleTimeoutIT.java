package io.pathauth.it.security;

import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Scenarios;
import java.net.URL;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The idle timeout, set at login from {@code pathauth.session.idle-timeout}, ends a quiet session.
 * (5 s, not less: with 2 s, a loaded CI machine once took longer than the limit between the login
 * and the first page on Payara, which then rightly asked for a new login.)
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionIdleTimeoutIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(Map.of("pathauth.session.idle-timeout", "5"));
  }

  @ArquillianResource URL base;

  @Test
  void whenIdleLongerThanTheIdleTimeout_thenTheSessionEnds() throws InterruptedException {
    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    assertEquals(200, bob.get("app/home").statusCode());
    Thread.sleep(7000);
    assertTrue(bob.get("app/home").statusCode() / 100 == 3, "5 s idle limit passed");
  }
}
