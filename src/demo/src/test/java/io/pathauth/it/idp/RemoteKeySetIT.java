package io.pathauth.it.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.JwksServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.TestKeys;
import io.pathauth.it.support.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
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
 * An identity provider's key set over HTTPS on a real server: the demo verifies tokens with the
 * keys a JWKS endpoint on 127.0.0.1 publishes (its certificate trusted through {@code
 * pathauth.jwt.jwks.tls-certificate}). One scenario, in order: the IdP serves its key, rotates to a
 * new one, then goes away.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteKeySetIT {

  private static final JwksServer IDP = start();
  private static final KeyPair NEXT = rsa();

  private static JwksServer start() {
    try {
      JwksServer idp = new JwksServer(Files.createTempDirectory("pathauth-idp-"));
      idp.serve(Map.of("test", TestKeys.TRUSTED));
      return idp;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static KeyPair rsa() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(
        Map.of(
            "mp.jwt.verify.publickey",
            "",
            "mp.jwt.verify.publickey.location",
            IDP.location(),
            "pathauth.jwt.jwks.tls-certificate",
            IDP.certificate().toString(),
            "pathauth.jwt.jwks.min-refresh-interval",
            "1"));
  }

  @AfterAll
  static void idpGone() {
    IDP.close();
  }

  @ArquillianResource URL base;

  private HttpResponse<String> me(String token) {
    return Http.get(
        URI.create(base.toString()).resolve("api/me"), "Authorization", "Bearer " + token);
  }

  private JsonObject readiness() {
    HttpResponse<String> ready =
        Http.get(ItServer.serverEndpoint(URI.create(base.toString()), "health/ready"));
    JsonObject health = Json.createReader(new StringReader(ready.body())).readObject();
    return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
        .filter(c -> c.getString("name").equals("pathauth"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pathauth check: " + health))
        .getJsonObject("data");
  }

  /** The key count of the readiness data: a number on Liberty, a string on Payara. */
  private static int keys(JsonObject data) {
    jakarta.json.JsonValue v = data.get("jwksKeys");
    return v instanceof jakarta.json.JsonNumber n
        ? n.intValue()
        : Integer.parseInt(((jakarta.json.JsonString) v).getString());
  }

  private static String signedWithNext() {
    return Tokens.claims("alice", "user").jws().keyId("next").sign(NEXT.getPrivate());
  }

  @Test
  @Order(1)
  void whenTheIdpServesItsKey_thenItsTokensAreAcceptedAndReadinessSaysFresh() {
    HttpResponse<String> r = me(Tokens.valid("alice", "user"));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject data = readiness();
    assertEquals("fresh", data.getString("jwks"), data.toString());
    assertEquals(1, keys(data));
  }

  @Test
  @Order(2)
  void whenTheIdpRotatesItsKey_thenTheNewKidIsAcceptedWithoutRestart() throws Exception {
    IDP.serve(Map.of("test", TestKeys.TRUSTED, "next", NEXT));
    Thread.sleep(1100); // past pathauth.jwt.jwks.min-refresh-interval since the last fetch
    HttpResponse<String> r = me(signedWithNext());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(2, keys(readiness()));
  }

  @Test
  @Order(3)
  void whenTheIdpGoesAway_thenKnownKeysStillVerifyAndAnUnknownKidIs401Not500() throws Exception {
    IDP.close();
    Thread.sleep(1100);
    assertEquals(200, me(signedWithNext()).statusCode());
    HttpResponse<String> unknown =
        me(Tokens.claims("alice", "user").jws().keyId("gone").sign(rsa().getPrivate()));
    assertEquals(401, unknown.statusCode(), unknown.body());
    assertTrue(Http.challenge(unknown).contains("invalid_token"), Http.challenge(unknown));
    assertEquals(200, me(Tokens.valid("alice", "user")).statusCode());
  }
}
