package io.pathauth.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The demo with one of Jakarta Security's built-in identity stores in place of its own, and the
 * checks every such store must pass the same way: form login and password grant, roles from the
 * store's groups, clear refusals.
 */
final class IdentityStoreScenario {

  private static final String DEMO_STORE =
      "WEB-INF/classes/io/pathauth/demo/security/DemoIdentityStore.class";

  private final URL base;

  IdentityStoreScenario(URL base) {
    this.base = base;
  }

  /** The demo WAR without its own identity store, plus {@code store} (a store definition). */
  static WebArchive replacingTheDemoStore(WebArchive demo, Class<?> store) {
    demo.delete(DEMO_STORE);
    return demo.addClass(store);
  }

  HttpResponse<String> formLogin(String user, String password) {
    Browser b = new Browser(base);
    b.get("app/home");
    return b.post("app/login", Map.of("j_username", user, "j_password", password));
  }

  HttpResponse<String> passwordGrant(String user, String password) {
    return Http.postForm(
        URI.create(base.toString()).resolve("auth/token"),
        Map.of("grant_type", "password", "username", user, "password", password));
  }

  void assertFormLoginWithRoles(String user, String password, boolean admin) {
    Browser b = new Browser(base);
    b.get("app/home");
    HttpResponse<String> login =
        b.post("app/login", Map.of("j_username", user, "j_password", password));
    assertEquals(302, login.statusCode(), user + ": " + login.body());
    assertTrue(location(login).endsWith("/pathauth/app/home"), user + ": " + location(login));
    HttpResponse<String> home = b.get("app/home");
    assertEquals(200, home.statusCode());
    assertTrue(home.body().contains("<span id=\"user\">" + user + "</span>"), home.body());
    assertEquals(admin ? 200 : 403, b.get("app/admin").statusCode(), user + " on the admin page");
  }

  void assertPasswordGrantWithGroups(String user, String password, String... groups) {
    HttpResponse<String> grant = passwordGrant(user, password);
    assertEquals(200, grant.statusCode(), grant.body());
    String token = json(grant).getString("access_token");
    HttpResponse<String> me =
        Http.get(
            URI.create(base.toString()).resolve("api/me"),
            "Authorization",
            "Bearer " + token,
            "Accept",
            "application/json");
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(
        List.of(groups),
        json(me).getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
            .map(jakarta.json.JsonString::getString)
            .toList());
  }

  void assertRefused(String user, String password) {
    HttpResponse<String> login = formLogin(user, password);
    assertEquals(302, login.statusCode(), login.body());
    assertTrue(location(login).endsWith("/pathauth/app/login?error=true"), location(login));
    HttpResponse<String> grant = passwordGrant(user, password);
    assertEquals(400, grant.statusCode(), grant.body());
    assertEquals("invalid_grant", json(grant).getString("error"));
    assertFalse(grant.body().contains("Exception"), grant.body());
  }

  static JsonObject json(HttpResponse<String> r) {
    try (var reader = Json.createReader(new StringReader(r.body()))) {
      return reader.readObject();
    }
  }

  private static String location(HttpResponse<String> r) {
    return r.headers().firstValue("Location").orElse("");
  }
}
