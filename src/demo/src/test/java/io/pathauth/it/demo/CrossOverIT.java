package io.pathauth.it.demo;

import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cross-over is forbidden: no cookie authenticates a jwt path, and no bearer token authenticates a
 * session path.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class CrossOverIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demo();
  }

  @ArquillianResource URL base;

  /** A browser logged in as bob (admin) through the form. */
  private Browser loggedInAdmin() {
    Browser browser = new Browser(base);
    browser.login(BOB, BOB_PASSWORD);
    assertEquals(200, browser.get("app/admin").statusCode(), "precondition: session works");
    return browser;
  }

  @Test
  void whenEveryCookieOfALoggedInSessionIsSentToAJwtPath_thenUnauthorized() {
    Browser browser = loggedInAdmin();
    HttpResponse<String> me = browser.get("api/me");
    assertEquals(401, me.statusCode(), "cookies sent: " + browser.cookies().keySet());
    assertEquals("Bearer realm=\"pathauth\"", Http.challenge(me));
    assertEquals(401, browser.get("api/admin").statusCode());
  }

  @Test
  void whenSessionCookieIsSentToAnUnprotectedJwtResource_thenCallerStaysAnonymous() {
    Browser browser = loggedInAdmin();
    HttpResponse<String> r = browser.get("api/public/hello");
    if (ItServer.current() == ItServer.PAYARA) {
      // Stated difference (see BearerFlowIT): Payara treats this @PermitAll resource as protected;
      // the session cookie still authenticates nothing.
      assertEquals(401, r.statusCode(), r.body());
      assertEquals("Bearer realm=\"pathauth\"", Http.challenge(r));
      return;
    }
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("\"caller\":null"), r.body());
  }

  @Test
  void whenAContainerSsoCookieIsForged_thenJwtPathStillUnauthorized() {
    Browser browser = loggedInAdmin();
    HttpResponse<String> r =
        Http.get(
            browser.uri("api/me"),
            "Cookie",
            Http.cookieHeader(browser.cookies()) + "; LtpaToken2=forged; JSESSIONIDSSO=x");
    assertEquals(401, r.statusCode());
  }

  @Test
  void whenBearerTokenIsSentToASessionPath_thenItAuthenticatesNothing() {
    String admin = Tokens.valid("bob", "user", "admin");
    Browser browser = new Browser(base);
    HttpResponse<String> page = browser.get("app/admin", "Authorization", "Bearer " + admin);
    assertTrue(SessionFlowIT.isRedirectToLogin(page), "browser is sent to the login form");
    HttpResponse<String> script =
        browser.get("app/home", "Authorization", "Bearer " + admin, "Accept", "application/json");
    assertEquals(401, script.statusCode());
    assertTrue(Http.challenge(script).startsWith("FormBased"), Http.challenge(script));
  }

  @Test
  void whenLoggedInWithSessionAndBearerOfAnotherUserOnSessionPath_thenSessionIdentityWins() {
    Browser browser = new Browser(base);
    HttpResponse<String> login = browser.login("alice", "alice-dev-password");
    SessionFlowIT.assertRedirect(login, "/pathauth/app/home");
    assertEquals(200, browser.get("app/home").statusCode(), "cookies " + browser.cookies());
    HttpResponse<String> r =
        browser.get("app/admin", "Authorization", "Bearer " + Tokens.valid("bob", "admin"));
    assertEquals(403, r.statusCode(), "alice's session; bob's token is ignored");
  }
}
