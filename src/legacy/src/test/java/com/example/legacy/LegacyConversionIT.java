package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The legacy application converted to pathauth, on a real server that the build started with the
 * application's own configuration: Open Liberty with {@code <basicRegistry>} and {@code
 * <application-bnd>} (default), or Payara Micro with its file realm and {@code payara-web.xml}
 * ({@code -Ppayara}). The application has no IdentityStore: every password is checked by the
 * server's registry, and the roles on pages and API come from the registry's groups through the
 * application's unchanged role mapping (staff → employee, managers → manager).
 */
class LegacyConversionIT {

  private static URL base;

  @BeforeAll
  static void serverIsUp() throws IOException, InterruptedException {
    base = LegacyServer.awaitUp();
  }

  @Test
  void whenAPageIsOpenedWithoutLogin_thenTheBrowserGoesToTheLegacyLoginPage() {
    HttpResponse<String> page = new Browser(base).get("secure/home");
    assertEquals(302, page.statusCode());
    assertTrue(location(page).endsWith("/legacy/login.jsp"), location(page));
  }

  @Test
  void whenAnEmployeeLogsInAtJSecurityCheck_thenPagesSeeTheRegistryGroupAsRole() {
    Browser alice = loggedIn("alice");
    HttpResponse<String> home = alice.get("secure/home");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("<span id=\"user\">alice</span>"), home.body());
    assertTrue(home.body().contains("employee=true"), home.body());
    assertTrue(home.body().contains("manager=false"), home.body());
    assertEquals(403, alice.get("secure/reports").statusCode(), "staff is not managers");
  }

  @Test
  void whenAManagerLogsIn_thenTheManagerPagesOpen() {
    Browser bob = loggedIn("bob");
    HttpResponse<String> reports = bob.get("secure/reports");
    assertEquals(200, reports.statusCode());
    assertTrue(reports.body().contains("for bob"), reports.body());
    assertTrue(bob.get("secure/home").body().contains("manager=true"));
  }

  @Test
  void whenARegistryUserHasNoMappedGroup_thenTheLoginSucceedsButNoPageOpens() {
    Browser carol = loggedIn("carol");
    assertEquals(403, carol.get("secure/home").statusCode());
  }

  @Test
  void whenThePasswordIsWrongOrTheUserUnknown_thenTheLegacyErrorPageAndNoSession() {
    for (String[] attempt :
        new String[][] {{"alice", "not-" + password("alice")}, {"mallory", "whatever-1"}}) {
      Browser b = new Browser(base);
      b.get("secure/home");
      HttpResponse<String> login =
          b.post("j_security_check", Map.of("j_username", attempt[0], "j_password", attempt[1]));
      assertEquals(302, login.statusCode(), attempt[0]);
      assertTrue(location(login).endsWith("/legacy/login-error.jsp"), location(login));
      assertEquals(302, b.get("secure/home").statusCode(), "still not logged in: " + attempt[0]);
    }
  }

  @Test
  void whenAnEmployeeGetsATokenByPasswordGrant_thenTheApiSeesTheSameRoles() {
    String token = token("alice");
    JsonObject me = json(api("api/account", token));
    assertEquals("alice", me.getString("name"));
    assertTrue(me.getBoolean("employee"));
    assertFalse(me.getBoolean("manager"));
    assertEquals(403, api("api/reports", token).statusCode(), "staff is not managers");
    JsonObject reports = json(api("api/reports", token("bob")));
    assertEquals("bob", reports.getString("for"));
  }

  @Test
  void whenTheRegistryChecksThePassword_thenTheIssuedTokenCarriesTheRegistryGroups() {
    String payload = token("bob").split("\\.")[1];
    JsonObject claims;
    try (var reader =
        Json.createReader(
            new StringReader(
                new String(
                    java.util.Base64.getUrlDecoder().decode(payload),
                    java.nio.charset.StandardCharsets.UTF_8)))) {
      claims = reader.readObject();
    }
    assertEquals("bob", claims.getString("upn"));
    assertEquals(
        java.util.Set.of("staff", "managers"),
        java.util.Set.copyOf(
            claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString)
                .toList()));
  }

  @Test
  void whenThePasswordGrantHasAWrongPassword_thenInvalidGrant() {
    HttpResponse<String> r =
        Http.postForm(
            uri("auth/token"),
            Map.of("grant_type", "password", "username", "alice", "password", "wrong-password"));
    assertEquals(400, r.statusCode(), r.body());
    assertEquals("invalid_grant", json(r).getString("error"));
  }

  @Test
  void whenCredentialsCrossOver_thenNeitherAuthenticatesTheOtherKindOfPath() {
    Browser alice = loggedIn("alice");
    HttpResponse<String> apiWithCookie = alice.get("api/account");
    assertEquals(401, apiWithCookie.statusCode(), "a session cookie never opens the API");
    assertTrue(Http.challenge(apiWithCookie).startsWith("Bearer"), Http.challenge(apiWithCookie));
    HttpResponse<String> pageWithToken =
        new Browser(base).get("secure/home", "Authorization", "Bearer " + token("alice"));
    assertEquals(302, pageWithToken.statusCode(), "a bearer token never opens a page");
  }

  @Test
  void whenTheUserLogsOut_thenTheSessionIsOver() {
    Browser alice = loggedIn("alice");
    HttpResponse<String> out = alice.post("logout", Map.of());
    assertEquals(302, out.statusCode());
    assertEquals(302, alice.get("secure/home").statusCode());
  }

  private static Browser loggedIn(String user) {
    Browser b = new Browser(base);
    assertEquals(302, b.get("secure/home").statusCode());
    HttpResponse<String> login =
        b.post("j_security_check", Map.of("j_username", user, "j_password", password(user)));
    assertEquals(302, login.statusCode(), user + ": " + login.body());
    assertTrue(
        location(login).endsWith("/legacy/secure/home"), user + " lands on " + location(login));
    return b;
  }

  private static String token(String user) {
    HttpResponse<String> r =
        Http.postForm(
            uri("auth/token"),
            Map.of("grant_type", "password", "username", user, "password", password(user)));
    assertEquals(200, r.statusCode(), r.body());
    return json(r).getString("access_token");
  }

  private static HttpResponse<String> api(String path, String token) {
    return Http.get(uri(path), "Authorization", "Bearer " + token, "Accept", "application/json");
  }

  private static String password(String user) {
    return LegacyServer.password(user);
  }

  private static JsonObject json(HttpResponse<String> r) {
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }

  private static URI uri(String path) {
    return URI.create(base.toString()).resolve(path);
  }
}
