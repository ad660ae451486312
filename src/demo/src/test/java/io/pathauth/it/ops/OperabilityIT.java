package io.pathauth.it.ops;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The audit log, MicroProfile Metrics, Health and OpenAPI, as an operator sees them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperabilityIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(Map.of());
  }

  @ArquillianResource URL base;

  private URI app(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  private URI server(String path) {
    return ItServer.serverEndpoint(URI.create(base.toString()), path);
  }

  private JsonObject grant(String user, String password) {
    HttpResponse<String> r =
        Http.postForm(
            app("auth/token"),
            Map.of("grant_type", "password", "username", user, "password", password));
    assertEquals(200, r.statusCode(), r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private HttpResponse<String> postWithToken(String path, String token) {
    return Http.send(
        HttpRequest.newBuilder(app(path)).POST(HttpRequest.BodyPublishers.noBody()),
        "Authorization",
        "Bearer " + token);
  }

  @Test
  void whenSecurityEventsHappen_thenEachIsOneJsonAuditLineWithoutSecrets() throws Exception {
    ServerLog log = new ServerLog();
    new Browser(base).login(ALICE, "not-the-password-1");
    new Browser(base).login(ALICE, ALICE_PASSWORD);
    JsonObject tokens = grant(ALICE, ALICE_PASSWORD);
    String access = tokens.getString("access_token");
    assertEquals(204, postWithToken("auth/logout", access).statusCode());
    String admin = grant(BOB, BOB_PASSWORD).getString("access_token");
    assertEquals(200, postWithToken("admin/users/alice/logout", admin).statusCode());

    List<JsonObject> audit = awaitAudit(log, 6);
    assertTrue(
        has(audit, "login", "failure", ALICE, "app"), "failed form login on rule app: " + audit);
    assertTrue(has(audit, "login", "success", ALICE, "app"), "form login: " + audit);
    assertTrue(has(audit, "login", "success", ALICE, "auth"), "password grant: " + audit);
    assertTrue(has(audit, "token_issued", "success", ALICE, "auth"), audit.toString());
    assertTrue(has(audit, "token_revoked", "success", ALICE, "auth-logout"), audit.toString());
    assertTrue(has(audit, "forced_logout", "success", ALICE, "admin"), audit.toString());
    for (JsonObject e : audit) {
      assertFalse(e.getString("address").isEmpty(), "source address: " + e);
    }
    String text = log.text();
    for (String secret :
        new String[] {
          "not-the-password-1", ALICE_PASSWORD, access, tokens.getString("refresh_token"), admin
        }) {
      assertFalse(text.contains(secret), "a password or token reached the server log");
    }
  }

  @Test
  void whenMetricsAreScraped_thenPathauthCountersAreThere() {
    assumeTrue(
        ItServer.current().hasMicroProfileMetrics(),
        "WildFly 39 has no MicroProfile Metrics (docs/servers.md, \"WildFly\")");
    new Browser(base).login(BOB, "wrong");
    grant(BOB, BOB_PASSWORD);
    Http.get(app("api/me"), "Authorization", "Bearer not.a.token");
    HttpResponse<String> metrics = Http.get(server("metrics"), "Accept", "text/plain");
    assertEquals(200, metrics.statusCode());
    String body = metrics.body();
    assertTrue(body.contains("pathauth_logins_total"), body);
    assertTrue(body.matches("(?s).*pathauth_logins_total\\{[^}]*outcome=\"failure\".*"), body);
    assertTrue(body.contains("pathauth_tokens_issued_total"), body);
    assertTrue(body.contains("pathauth_verification_failures_total"), body);
    assertTrue(body.contains("pathauth_jwt_cache_hit_ratio"), body);
  }

  @Test
  void whenReadinessIsAsked_thenPathauthReportsKeysAndStore() {
    HttpResponse<String> ready = Http.get(server("health/ready"));
    assertEquals(200, ready.statusCode(), ready.body());
    JsonObject health = Json.createReader(new StringReader(ready.body())).readObject();
    assertEquals("UP", health.getString("status"));
    JsonObject check =
        health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
            .filter(c -> c.getString("name").equals("pathauth"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no pathauth check: " + health));
    assertEquals("UP", check.getString("status"));
    assertEquals("loaded", check.getJsonObject("data").getString("keys"));
    assertEquals("reachable", check.getJsonObject("data").getString("revocationStore"));
  }

  @Test
  void whenTheOpenApiDocumentIsRead_thenItIsValidAndEachOperationHasItsRulesSecurity() {
    HttpResponse<String> doc = Http.get(server("openapi"));
    assertEquals(200, doc.statusCode());
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body(), null, options);
    List<String> messages = parsed.getMessages();
    if (ItServer.current() == ItServer.PAYARA) {
      // Stated difference: Payara adds a top-level list of its endpoints, which is not OpenAPI
      messages =
          messages.stream().filter(m -> !m.equals("attribute endpoints is unexpected")).toList();
    }
    if (ItServer.current() == ItServer.WILDFLY) {
      // Stated difference: WildFly writes an empty license and externalDocs object into every
      // document (the demo declares neither) and puts the context root into each path
      messages =
          messages.stream()
              .filter(
                  m ->
                      !m.equals("attribute info.license.name is missing")
                          && !m.equals("attribute externalDocs.url is missing"))
              .toList();
    }
    assertEquals(List.of(), messages, "validator messages for\n" + doc.body());
    OpenAPI api = parsed.getOpenAPI();
    Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
    assertEquals(SecurityScheme.Type.HTTP, schemes.get("bearerJwt").getType());
    assertEquals(SecurityScheme.In.COOKIE, schemes.get("sessionCookie").getIn());
    assertTrue(
        api.getSecurity() == null || api.getSecurity().isEmpty(),
        "no document-wide default, each operation says: " + api.getSecurity());
    // jwt rule
    assertEquals(List.of(List.of("bearerJwt")), schemesOf(api, "/api/me", "GET"));
    assertEquals(List.of(List.of("bearerJwt")), schemesOf(api, "/auth/logout", "POST"));
    // none rule, and the session login form
    assertEquals(List.of(), schemesOf(api, "/auth/token", "POST"));
    assertEquals(List.of(), schemesOf(api, "/app/login", "POST"));
    // one JAX-RS operation under three rules: bearer or session, and the extension names all
    assertEquals(
        List.of(List.of("bearerJwt"), List.of("sessionCookie")),
        schemesOf(api, "/api/ping/{via}", "GET"));
    Operation ping = api.getPaths().get(documentPath("/api/ping/{via}")).getGet();
    assertEquals(
        List.of("session", "jwt", "none"), ping.getExtensions().get("x-pathauth-mechanisms"));
  }

  /** {@code path} as the document names it: WildFly puts the context root in front. */
  private String documentPath(String path) {
    return ItServer.current() == ItServer.WILDFLY
        ? URI.create(base.toString()).getPath().replaceAll("/$", "") + path
        : path;
  }

  /** The scheme names of each security alternative of one operation. */
  private List<List<String>> schemesOf(OpenAPI api, String operationPath, String method) {
    String path = documentPath(operationPath);
    PathItem item = api.getPaths().get(path);
    assertTrue(item != null, path + " in " + api.getPaths().keySet());
    Operation op = item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    assertTrue(op != null, method + " " + path);
    if (op.getSecurity() == null) {
      // Payara leaves an empty list out; with no document-wide default that says the same
      assertTrue(api.getSecurity() == null || api.getSecurity().isEmpty(), "no default");
      return List.of();
    }
    return op.getSecurity().stream().map(r -> List.copyOf(r.keySet())).toList();
  }

  private static boolean has(
      List<JsonObject> audit, String event, String outcome, String user, String rule) {
    return audit.stream()
        .anyMatch(
            e ->
                e.getString("event").equals(event)
                    && e.getString("outcome").equals(outcome)
                    && e.getString("user").equals(user)
                    && e.getString("rule").equals(rule));
  }

  /** The audit objects logged since {@code log} was opened, waiting for at least {@code n}. */
  private static List<JsonObject> awaitAudit(ServerLog log, int n) throws Exception {
    List<JsonObject> audit = List.of();
    for (int i = 0; i < 50 && audit.size() < n; i++) {
      audit =
          log.newLines().stream()
              .filter(l -> l.contains("{\"event\":"))
              .map(l -> l.substring(l.indexOf("{\"event\":")))
              .map(l -> l.substring(0, l.lastIndexOf('}') + 1))
              .map(l -> Json.createReader(new StringReader(l)).readObject())
              .toList();
      Thread.sleep(100);
    }
    return audit;
  }
}
