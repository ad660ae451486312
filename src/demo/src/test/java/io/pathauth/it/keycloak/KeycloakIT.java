package io.pathauth.it.keycloak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.dev.TestSecrets;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.KeycloakServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real identity provider end to end: Keycloak (started by this test on 127.0.0.1, its realm
 * imported from {@code src/test/resources/keycloak/pathauth-realm.json}, secrets made for the run)
 * issues access tokens by the password grant and by client credentials; the demo on Open Liberty
 * verifies them with Keycloak's JWKS and the Keycloak recipe of docs/identity-providers.md. Then
 * Keycloak rotates its signing key, and finally stops. One scenario, in order.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakIT {

  private static final String CLIENT = "pathauth-api";
  private static final String SECRET = TestSecrets.randomPassword();
  private static final String ALICE_PASSWORD = TestSecrets.randomPassword();
  private static final String BOB_PASSWORD = TestSecrets.randomPassword();
  private static final KeycloakServer KEYCLOAK = start();

  /** Alice's token from before the rotation, signed with the first key. */
  private static String beforeRotation;

  private static KeycloakServer start() {
    Path java = Path.of(System.getProperty("pathauth.keycloak.java.home", ""));
    if (!java.resolve("bin/java").toFile().canExecute()) {
      throw new IllegalStateException(
          "Keycloak needs JDK 21 or later: no JDK at '"
              + java
              + "'; set -Dpathauth.keycloak.java.home=<a JDK 21+>");
    }
    Path target = Path.of(System.getProperty("pathauth.keycloak.log.dir", "target"));
    return new KeycloakServer(
        Path.of(System.getProperty("pathauth.keycloak.home")),
        java,
        Path.of("src/test/resources/keycloak/pathauth-realm.json"),
        Map.of(
            "PATHAUTH_KC_CLIENT_SECRET", SECRET,
            "PATHAUTH_KC_ALICE_PASSWORD", ALICE_PASSWORD,
            "PATHAUTH_KC_BOB_PASSWORD", BOB_PASSWORD),
        target.resolve("keycloak.log"),
        Duration.ofSeconds(240));
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(
        Map.of(
            "mp.jwt.verify.publickey", "",
            "mp.jwt.verify.publickey.location", KEYCLOAK.jwks(),
            "mp.jwt.verify.issuer", KEYCLOAK.issuer(),
            "mp.jwt.verify.audiences", CLIENT,
            // the Keycloak recipe of docs/identity-providers.md, for this realm's client
            "pathauth.jwt.roles-claims", "realm_access/roles,resource_access/" + CLIENT + "/roles",
            "pathauth.jwt.name-claim", "preferred_username",
            "pathauth.jwt.required-claims", "typ=Bearer",
            "pathauth.jwt.jwks.min-refresh-interval", "1",
            "pathauth.jwt.jwks.stale-after", "2"));
  }

  @AfterAll
  static void stopKeycloak() {
    KEYCLOAK.close();
  }

  @ArquillianResource URL base;

  private HttpResponse<String> get(String path, String token) {
    return Http.get(URI.create(base.toString()).resolve(path), "Authorization", "Bearer " + token);
  }

  private static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private static List<String> groups(JsonObject me) {
    return me.getJsonArray("groups").getValuesAs(JsonString.class).stream()
        .map(JsonString::getString)
        .toList();
  }

  private JsonObject readiness() {
    JsonObject health = json(Http.get(URI.create(base.toString()).resolve("/health/ready")));
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals("pathauth"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pathauth check: " + health))
        .getJsonObject("data");
  }

  @Test
  @Order(1)
  void whenAliceLogsInAtKeycloak_thenHerRealmAndClientRolesReachRolesAllowed() {
    String token = KEYCLOAK.passwordGrant(CLIENT, SECRET, "alice", ALICE_PASSWORD);
    HttpResponse<String> me = get("api/me", token);
    assertEquals(200, me.statusCode(), me.body());
    JsonObject body = json(me);
    assertEquals("alice", body.getString("name"));
    assertTrue(groups(body).containsAll(List.of("user", "admin")), body.toString());
    assertTrue(body.getBoolean("isAdmin"));
    assertEquals(KEYCLOAK.issuer(), body.getString("issuer"));
    assertEquals(200, get("api/admin", token).statusCode(), "client role admin");
    beforeRotation = token;
  }

  @Test
  @Order(2)
  void whenBobLogsIn_thenHeIsAUserButNoAdmin() {
    String token = KEYCLOAK.passwordGrant(CLIENT, SECRET, "bob", BOB_PASSWORD);
    assertEquals(200, get("api/me", token).statusCode());
    assertEquals(403, get("api/admin", token).statusCode());
  }

  @Test
  @Order(3)
  void whenTheClientUsesItsOwnCredentials_thenItsServiceAccountIsTheCaller() {
    String token = KEYCLOAK.clientCredentials(CLIENT, SECRET);
    HttpResponse<String> me = get("api/me", token);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals("service-account-" + CLIENT, json(me).getString("name"));
    assertEquals(403, get("api/admin", token).statusCode());
  }

  @Test
  @Order(4)
  void whenKeycloakRotatesItsSigningKey_thenTheNextTokenIsAcceptedWithoutRestart()
      throws Exception {
    KEYCLOAK.rotateSigningKey(500);
    String token = KEYCLOAK.passwordGrant(CLIENT, SECRET, "alice", ALICE_PASSWORD);
    assertNotEquals(KeycloakServer.kid(beforeRotation), KeycloakServer.kid(token), "a new key");
    Thread.sleep(1100); // past pathauth.jwt.jwks.min-refresh-interval since the last fetch
    HttpResponse<String> me = get("api/me", token);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(200, get("api/me", beforeRotation).statusCode(), "the old key is still published");
  }

  @Test
  @Order(5)
  void whenKeycloakStops_thenKnownKeysStillVerifyAnUnknownKidIs401AndReadinessSaysStale()
      throws Exception {
    KEYCLOAK.close();
    Thread.sleep(2100); // past pathauth.jwt.jwks.stale-after
    assertEquals(200, get("api/me", beforeRotation).statusCode());
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    String unknown =
        Tokens.claims("alice")
            .issuer(KEYCLOAK.issuer())
            .claim("typ", "Bearer")
            .jws()
            .keyId("not-keycloaks")
            .sign(g.generateKeyPair().getPrivate());
    HttpResponse<String> r = get("api/me", unknown);
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(Http.challenge(r).contains("invalid_token"), Http.challenge(r));
    JsonObject data = readiness();
    assertEquals("stale", data.getString("jwks"), data.toString());
    assertTrue(data.containsKey("jwksLastError"), data.toString());
  }
}
