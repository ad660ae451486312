package io.pathauth.it.policy;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
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

/**
 * Access rules per path in configuration ({@code pathauth.path.<name>.roles-allowed} and {@code
 * .policy}), enforced by pathauth after authentication, next to the application's own {@code
 * RolesAllowed} and {@code @ServletSecurity}: a request must pass both.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class RolePolicyIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(
        Map.ofEntries(
            // every API call needs role user; GreetingResource's /api/admin also says admin
            Map.entry("pathauth.path.api.roles-allowed", "user"),
            // a more specific rule opens the public resources again
            Map.entry("pathauth.path.api-public.paths", "/api/public/*"),
            Map.entry("pathauth.path.api-public.mechanism", "jwt"),
            Map.entry("pathauth.path.api-public.policy", "permit"),
            // a page with its own @ServletSecurity(user, admin), narrowed to admin
            Map.entry("pathauth.path.home.paths", "/app/home"),
            Map.entry("pathauth.path.home.mechanism", "session"),
            Map.entry("pathauth.path.home.roles-allowed", "admin"),
            // the whole session area needs a caller (the login page stays open)
            Map.entry("pathauth.path.app.policy", "authenticated"),
            Map.entry("pathauth.path.ping-session.policy", "authenticated"),
            // a servlet nothing else protects, closed
            Map.entry("pathauth.path.closed.paths", "/public/hello"),
            Map.entry("pathauth.path.closed.mechanism", "none"),
            Map.entry("pathauth.path.closed.policy", "deny")));
  }

  @ArquillianResource URL base;

  private URI uri(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  private HttpResponse<String> bearer(String path, String token) {
    return Http.get(uri(path), "Authorization", "Bearer " + token);
  }

  @Test
  void whenABearerCallerHasTheRuleRole_thenAResourceWithoutConstraintsAnswers() {
    HttpResponse<String> r = bearer("api/ping/jwt", Tokens.valid("alice", "user"));
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void whenABearerCallerLacksTheRuleRole_thenForbiddenWithInsufficientScope() {
    HttpResponse<String> r = bearer("api/ping/jwt", Tokens.valid("carol", "guest"));
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(
        Http.challenge(r).startsWith("Bearer realm=\"pathauth\", error=\"insufficient_scope\""),
        Http.challenge(r));
    assertTrue(r.body().contains("insufficient_scope"), r.body());
  }

  @Test
  void whenNoTokenIsSentToARolePath_thenUnauthorizedEvenWithoutConstraints() {
    HttpResponse<String> r = Http.get(uri("api/ping/jwt"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer realm=\"pathauth\"", Http.challenge(r));
  }

  @Test
  void whenTheRuleAndRolesAllowedBothApply_thenTheCallerNeedsBoth() {
    HttpResponse<String> userOnly = bearer("api/admin", Tokens.valid("alice", "user"));
    assertEquals(403, userOnly.statusCode(), "@RolesAllowed(admin) refuses: " + userOnly.body());
    assertTrue(Http.challenge(userOnly).contains("insufficient_scope"), Http.challenge(userOnly));
    HttpResponse<String> adminOnly = bearer("api/admin", Tokens.valid("dave", "admin"));
    assertEquals(403, adminOnly.statusCode(), "the rule refuses: " + adminOnly.body());
    assertTrue(Http.challenge(adminOnly).contains("insufficient_scope"), Http.challenge(adminOnly));
    HttpResponse<String> both = bearer("api/admin", Tokens.valid("bob", "user", "admin"));
    assertEquals(200, both.statusCode(), both.body());
  }

  @Test
  void whenAMoreSpecificRulePermits_thenAnonymousCallersReachThePublicResource() {
    HttpResponse<String> r = Http.get(uri("api/public/hello"));
    if (ItServer.current() == ItServer.PAYARA) {
      // Stated difference (BearerFlowIT): Payara treats a @PermitAll resource as protected.
      assertEquals(401, r.statusCode(), r.body());
      return;
    }
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void whenARuleNarrowsAPageToAdmins_thenAUserIsForbiddenAndAnAdminGetsIn() {
    Browser alice = new Browser(base);
    alice.login(ALICE, ALICE_PASSWORD);
    HttpResponse<String> refused = alice.get("app/home");
    assertEquals(403, refused.statusCode(), "@ServletSecurity allows user; the rule does not");
    assertTrue(refused.body().contains("lacks a required role"), refused.body());
    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    assertEquals(200, bob.get("app/home").statusCode());
  }

  @Test
  void whenTheSessionAreaRequiresACaller_thenTheLoginPageStaysOpenAndOthersAreChallenged() {
    Browser browser = new Browser(base);
    assertEquals(200, browser.get("app/login").statusCode(), "no redirect loop");
    HttpResponse<String> page = browser.get("api/ping/session");
    assertTrue(
        (page.statusCode() == 302 || page.statusCode() == 303)
            && page.headers().firstValue("Location").orElse("").endsWith("/pathauth/app/login"),
        page.statusCode() + " " + page.headers().map());
    HttpResponse<String> script = browser.get("api/ping/session", "Accept", "application/json");
    assertEquals(401, script.statusCode());
    assertTrue(Http.challenge(script).startsWith("FormBased"), Http.challenge(script));
    browser.login(ALICE, ALICE_PASSWORD);
    assertEquals(200, browser.get("api/ping/session").statusCode(), "after login");
  }

  @Test
  void whenARuleDenies_thenForbiddenWithOrWithoutCredentials() {
    HttpResponse<String> anonymous = Http.get(uri("public/hello"));
    assertEquals(403, anonymous.statusCode(), anonymous.body());
    assertTrue(anonymous.headers().firstValue("WWW-Authenticate").isEmpty(), "nothing to retry");
    HttpResponse<String> withToken = bearer("public/hello", Tokens.valid("bob", "user", "admin"));
    assertEquals(403, withToken.statusCode(), withToken.body());
    assertTrue(anonymous.body().contains("\"error\":\"forbidden\""), anonymous.body());
  }
}
