package io.pathauth.it.demo;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The legacy FORM + session flow on {@code /app}, against the demo WAR on a real server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SessionFlowIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demo();
  }

  @ArquillianResource URL base;

  private static String location(HttpResponse<?> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  /** A redirect (302 on Liberty, as for servlet FORM login; 303 is accepted too). */
  static void assertRedirect(HttpResponse<String> r, String locationSuffix) {
    assertTrue(
        r.statusCode() == 302 || r.statusCode() == 303,
        () -> "status " + r.statusCode() + " " + r.headers().map() + "\n" + r.body());
    assertTrue(location(r).endsWith(locationSuffix), location(r));
  }

  static boolean isRedirectToLogin(HttpResponse<?> r) {
    return (r.statusCode() == 302 || r.statusCode() == 303)
        && location(r).endsWith("/pathauth/app/login");
  }

  @Test
  void whenBrowserOpensProtectedPageWithoutSession_thenRedirectedToLoginPage() {
    Browser browser = new Browser(base);
    HttpResponse<String> r = browser.get("app/home?tab=1");
    assertRedirect(r, "/pathauth/app/login");
  }

  @Test
  void whenLoginSucceeds_thenRedirectedBackToTheRememberedUrlWithANewSessionId() {
    Browser browser = new Browser(base);
    browser.get("app/home?tab=1");
    assertNull(browser.sessionId(), "no session before the login: an anonymous request costs none");
    assertNotNull(
        browser.cookies().get("pathauth-saved-url"), "the remembered URL lives in a cookie");

    HttpResponse<String> login = browser.loginDirect(ALICE, ALICE_PASSWORD);
    assertRedirect(login, "/pathauth/app/home?tab=1");
    assertNotNull(browser.sessionId(), "the login made the session");

    HttpResponse<String> home = browser.get("app/home");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("<span id=\"user\">alice</span>"), home.body());
  }

  @Test
  void whenASessionIdPlantedBeforeTheLoginIsReplayed_thenItAuthenticatesNothing() {
    // No anonymous request makes a session any more, so the attacker plants one of their own: they
    // log in as bob and put that session's cookie into the victim's browser.
    Browser attacker = new Browser(base);
    attacker.login(BOB, BOB_PASSWORD);
    String fixated = attacker.sessionId();
    Browser victim = new Browser(base);
    victim.cookies().put("JSESSIONID", fixated);
    assertRedirect(victim.loginDirect(ALICE, ALICE_PASSWORD), "/pathauth/app/home");
    assertNotEquals(fixated, victim.sessionId(), "session ID must rotate at login");
    HttpResponse<String> home = victim.get("app/home");
    assertTrue(home.body().contains("<span id=\"user\">alice</span>"), "the victim is alice");

    HttpResponse<String> r = Http.get(victim.uri("app/home"), "Cookie", "JSESSIONID=" + fixated);
    assertTrue(isRedirectToLogin(r), "the planted ID must not be authenticated: " + r.body());
  }

  @Test
  void whenSessionCookieIsSent_thenEveryLaterRequestIsAuthenticatedByItAlone() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> r = browser.get("app/home");
      assertEquals(200, r.statusCode());
      assertTrue(r.body().contains("Roles: <span id=\"roles\">user </span>"), r.body());
    }
  }

  @Test
  void whenWithoutRememberedUrl_thenLoginLandsOnTheLandingPage() {
    Browser browser = new Browser(base);
    new Browser(base).get("app/home"); // another client opened a protected page (see README)
    HttpResponse<String> login = browser.loginDirect(BOB, BOB_PASSWORD);
    assertRedirect(login, "/pathauth/app/home");
  }

  @Test
  void whenPasswordIsWrong_thenErrorPageAndNoAuthenticatedSession() {
    Browser browser = new Browser(base);
    browser.get("app/home");
    HttpResponse<String> login = browser.login(ALICE, "wrong-password");
    assertRedirect(login, "/pathauth/app/login?error=true");

    HttpResponse<String> page = browser.get("app/login?error=true");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("id=\"login-error\""));
    assertTrue(isRedirectToLogin(browser.get("app/home")));
  }

  @Test
  void whenUserIsUnknown_thenSameAnswerAsWrongPassword() {
    HttpResponse<String> unknown = new Browser(base).login("mallory", "whatever");
    HttpResponse<String> wrong = new Browser(base).login(ALICE, "whatever");
    assertEquals(wrong.statusCode(), unknown.statusCode());
    assertEquals(location(wrong), location(unknown));
  }

  @Test
  void whenScriptCallsProtectedSessionPath_thenUnauthorizedNotRedirect() {
    Browser browser = new Browser(base);
    HttpResponse<String> json = browser.get("app/home", "Accept", "application/json");
    assertEquals(401, json.statusCode());
    assertTrue(Http.challenge(json).startsWith("FormBased realm=\"pathauth\""));
    assertTrue(Http.setCookies(json).isEmpty(), "no session for a refused script call");

    HttpResponse<String> xhr = browser.get("app/home", "X-Requested-With", "XMLHttpRequest");
    assertEquals(401, xhr.statusCode());
  }

  @Test
  void whenUserLacksRole_thenForbiddenAndAdminAllowed() {
    Browser alice = new Browser(base);
    alice.login(ALICE, ALICE_PASSWORD);
    assertEquals(403, alice.get("app/admin").statusCode());

    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    HttpResponse<String> r = bob.get("app/admin");
    assertEquals(200, r.statusCode());
    assertTrue(r.body().contains("<span id=\"user\">bob</span>"));
  }

  @Test
  void whenLoggedOut_thenOldCookieAuthenticatesNothing() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    String cookie = Http.cookieHeader(browser.cookies());
    assertEquals(200, browser.get("app/home").statusCode());

    HttpResponse<String> logout =
        browser.post("app/logout", java.util.Map.of("csrf_token", browser.csrfToken()));
    assertRedirect(logout, "/pathauth/app/login?logout=true");

    HttpResponse<String> replay = Http.get(browser.uri("app/home"), "Cookie", cookie);
    assertTrue(isRedirectToLogin(replay), "the old session cookie must be dead on the server");
    HttpResponse<String> replayJson =
        Http.get(browser.uri("app/home"), "Cookie", cookie, "Accept", "application/json");
    assertEquals(401, replayJson.statusCode());
  }

  @Test
  void whenLogoutLacksTheCsrfToken_thenForbiddenAndTheSessionLives() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    HttpResponse<String> r = browser.post("app/logout", java.util.Map.of());
    assertEquals(403, r.statusCode());
    assertTrue(r.body().contains("CSRF"), r.body());
    HttpResponse<String> wrong =
        browser.post("app/logout", java.util.Map.of("csrf_token", "guess"));
    assertEquals(403, wrong.statusCode());
    assertEquals(200, browser.get("app/home").statusCode(), "nothing changed");
  }

  @Test
  void whenAStateChangingRequestIsCrossSite_thenForbidden() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    String token = browser.csrfToken();
    HttpResponse<String> r =
        browser.post(
            "app/logout", java.util.Map.of("csrf_token", token), "Origin", "https://evil.example");
    assertEquals(403, r.statusCode());
    HttpResponse<String> site =
        browser.post(
            "app/logout", java.util.Map.of("csrf_token", token), "Sec-Fetch-Site", "cross-site");
    assertEquals(403, site.statusCode());
    assertEquals(200, browser.get("app/home").statusCode());
  }

  @Test
  void whenTheLoginFormIsPostedFromAnotherSite_thenRefused() {
    Browser browser = new Browser(base);
    browser.get("app/home");
    HttpResponse<String> r =
        browser.post(
            "app/login",
            java.util.Map.of("j_username", ALICE, "j_password", ALICE_PASSWORD),
            "Origin",
            "https://evil.example");
    assertEquals(403, r.statusCode());
    assertTrue(isRedirectToLogin(browser.get("app/home")), "no session was created");
    HttpResponse<String> sameSite =
        browser.post(
            "app/login",
            java.util.Map.of("j_username", ALICE, "j_password", ALICE_PASSWORD),
            "Origin",
            base.getProtocol() + "://" + base.getHost() + ":" + base.getPort());
    assertRedirect(sameSite, "/pathauth/app/home");
  }

  @Test
  void whenLogoutIsAGet_thenRefused() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    assertEquals(405, browser.get("app/logout").statusCode());
    assertEquals(200, browser.get("app/home").statusCode(), "a GET must not end the session");
  }

  @Test
  void whenLoggingIn_thenOnlyTheSessionCookieIsSetAndTheRememberedPageClearedWithSafeFlags() {
    Browser browser = new Browser(base);
    HttpResponse<String> redirected = browser.get("app/home");
    HttpResponse<String> login = browser.loginDirect(ALICE, ALICE_PASSWORD);
    browser.get("app/home");
    List<String> set = new ArrayList<>(Http.setCookies(redirected));
    set.addAll(Http.setCookies(login));
    assertTrue(
        Http.setCookies(login).stream().anyMatch(c -> c.startsWith("JSESSIONID=")),
        "login must set the new session cookie: " + Http.setCookies(login));
    for (String c : set) {
      String lower = c.toLowerCase(Locale.ROOT);
      assertTrue(
          c.startsWith("JSESSIONID=") || c.startsWith("pathauth-saved-url="),
          "unexpected cookie " + c);
      assertTrue(lower.contains("httponly"), c);
      assertTrue(lower.contains("samesite=lax"), c);
    }
    // a cookie deleted: Max-Age=0 (Liberty, Payara 6) or an Expires in 1970 (Payara 7)
    assertTrue(
        Http.setCookies(login).stream()
            .filter(c -> c.startsWith("pathauth-saved-url="))
            .map(c -> c.toLowerCase(Locale.ROOT))
            .allMatch(c -> c.contains("max-age=0") || c.matches(".*expires=[^;]*1970.*")),
        "the login clears the remembered page: " + Http.setCookies(login));
    assertFalse(browser.cookies().containsKey("LtpaToken2"), "no container SSO cookie");
    assertTrue(
        browser.cookies().keySet().stream()
            .allMatch(n -> n.equals("JSESSIONID") || n.equals("pathauth-saved-url")),
        "cookies: " + browser.cookies().keySet());
  }
}
