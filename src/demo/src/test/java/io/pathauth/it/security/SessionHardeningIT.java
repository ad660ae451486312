package io.pathauth.it.security;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Login throttling and the absolute session timeout, with small limits so tests are quick. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionHardeningIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(
        Map.of(
            "pathauth.login.max-failures", "3",
            "pathauth.login.window", "120",
            "pathauth.session.absolute-timeout", "3"));
  }

  @ArquillianResource URL base;

  private static boolean loggedIn(Browser b) {
    return b.get("app/home").statusCode() == 200;
  }

  private HttpResponse<String> passwordGrant(String user, String password) {
    return Http.postForm(
        URI.create(base.toString()).resolve("auth/token"),
        Map.of("grant_type", "password", "username", user, "password", password));
  }

  /** A refused form login is sent to the error page, whatever the reason (no account oracle). */
  private static void assertLoginRefused(HttpResponse<String> login, String what) {
    assertEquals(302, login.statusCode(), what);
    String location = login.headers().firstValue("Location").orElse("");
    assertTrue(location.endsWith("/app/login?error=true"), what + ": redirected to " + location);
  }

  @Test
  void whenAnAccountFailsTooOften_thenEvenTheRightPasswordWaitsAndOthersAreUnaffected() {
    for (int i = 0; i < 3; i++) {
      assertLoginRefused(new Browser(base).login(ALICE, "wrong-" + i), "wrong password " + i);
    }
    Browser alice = new Browser(base);
    assertLoginRefused(alice.login(ALICE, ALICE_PASSWORD), "right password, throttled");
    assertTrue(!loggedIn(alice), "the account is throttled for now");

    HttpResponse<String> api = passwordGrant(ALICE, ALICE_PASSWORD);
    assertEquals(429, api.statusCode(), api.body());
    long retryAfter = Long.parseLong(api.headers().firstValue("Retry-After").orElse("0"));
    assertTrue(retryAfter > 0 && retryAfter <= 120, "Retry-After " + retryAfter);

    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    assertTrue(loggedIn(bob), "another account is unaffected");
  }

  @Test
  void whenAnUnknownUserFailsTooOften_thenThrottledExactlyLikeARealOne() {
    for (int i = 0; i < 3; i++) {
      assertEquals(400, passwordGrant("nobody-here", "x" + i).statusCode());
    }
    assertEquals(429, passwordGrant("nobody-here", "x").statusCode());
  }

  @Test
  void whenTheAbsoluteTimeoutPasses_thenTheSessionEndsEvenIfActive() throws InterruptedException {
    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    assertTrue(loggedIn(bob));
    for (int i = 0; i < 2; i++) {
      Thread.sleep(1000);
      assertTrue(loggedIn(bob), "active, and before the absolute limit");
    }
    Thread.sleep(1500);
    assertTrue(!loggedIn(bob), "3 s after login the session is over, however active");
  }
}
