package io.pathauth.it.token;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** pathauth's own issuer: grants, refresh rotation, logout, forced logout, JWKS, key rotation. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenLifecycleIT {

  static final String ISSUER = "https://pathauth.example/issuer";
  static final String AUDIENCE = "pathauth-demo";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demo();
  }

  @ArquillianResource URL base;

  URI uri(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  HttpResponse<String> token(Map<String, String> form, String... headers) {
    return Http.postForm(uri("auth/token"), form, headers);
  }

  JsonObject passwordGrant(String user, String password) {
    HttpResponse<String> r =
        token(Map.of("grant_type", "password", "username", user, "password", password));
    assertEquals(200, r.statusCode(), r.body());
    return json(r);
  }

  HttpResponse<String> refresh(String refreshToken) {
    return token(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  HttpResponse<String> api(String path, String accessToken) {
    return Http.get(uri(path), "Authorization", "Bearer " + accessToken);
  }

  HttpResponse<String> postWithToken(String path, String accessToken) {
    return Http.send(
        HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()),
        "Authorization",
        "Bearer " + accessToken);
  }

  static JsonObject claims(String jwt) {
    String payload = jwt.split("\\.")[1];
    return Json.createReader(
            new StringReader(
                new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)))
        .readObject();
  }

  static String kid(String jwt) {
    String header = jwt.split("\\.")[0];
    return Json.createReader(
            new StringReader(
                new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8)))
        .readObject()
        .getString("kid");
  }

  static void assertOAuthError(HttpResponse<String> r, int status, String error) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals(error, json(r).getString("error"), r.body());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void whenPasswordGrantSucceeds_thenBearerTokensWithTheStandardClaims() {
    JsonObject t = passwordGrant(ALICE, ALICE_PASSWORD);
    assertEquals("Bearer", t.getString("token_type"));
    assertEquals(300, t.getInt("expires_in"));
    assertTrue(t.getString("refresh_token").length() >= 43, "256 random bits");
    String access = t.getString("access_token");
    JsonObject c = claims(access);
    assertEquals(ISSUER, c.getString("iss"));
    assertEquals(AUDIENCE, c.getString("aud"));
    assertEquals(ALICE, c.getString("sub"));
    assertEquals(ALICE, c.getString("upn"));
    assertEquals("[\"user\"]", c.getJsonArray("groups").toString());
    assertEquals(300, c.getJsonNumber("exp").longValue() - c.getJsonNumber("iat").longValue());
    assertFalse(c.getString("jti").isEmpty());

    HttpResponse<String> me = api("api/me", access);
    assertEquals(200, me.statusCode(), me.body());
    assertEquals(ALICE, json(me).getString("name"));
    assertFalse(access.contains(t.getString("refresh_token")), "refresh token is opaque and apart");
  }

  @Test
  void whenGrantRequestsAreWrong_thenRfc6749Errors() {
    assertOAuthError(
        token(Map.of("grant_type", "password", "username", ALICE, "password", "nope")),
        400,
        "invalid_grant");
    assertOAuthError(
        token(Map.of("grant_type", "password", "username", "mallory", "password", "nope")),
        400,
        "invalid_grant");
    assertOAuthError(token(Map.of("username", ALICE)), 400, "invalid_request");
    assertOAuthError(
        token(Map.of("grant_type", "password", "username", ALICE)), 400, "invalid_request");
    assertOAuthError(
        token(Map.of("grant_type", "client_credentials")), 400, "unsupported_grant_type");
    assertOAuthError(token(Map.of("grant_type", "refresh_token")), 400, "invalid_request");
    assertOAuthError(
        token(Map.of("grant_type", "refresh_token", "refresh_token", "made-up")),
        400,
        "invalid_grant");
    HttpResponse<String> repeated =
        Http.send(
            HttpRequest.newBuilder(uri("auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "grant_type=password&grant_type=password&username=alice&password=x")));
    assertOAuthError(repeated, 400, "invalid_request");
    HttpResponse<String> json =
        Http.send(
            HttpRequest.newBuilder(uri("auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":\"password\"}")));
    assertOAuthError(json, 400, "invalid_request");
    assertEquals(405, Http.get(uri("auth/token")).statusCode());
  }

  @Test
  void whenRefreshed_thenTheRefreshTokenRotatesAndAReuseRevokesTheFamily() {
    JsonObject first = passwordGrant(ALICE, ALICE_PASSWORD);
    HttpResponse<String> r1 = refresh(first.getString("refresh_token"));
    assertEquals(200, r1.statusCode(), r1.body());
    JsonObject second = json(r1);
    assertNotEquals(first.getString("refresh_token"), second.getString("refresh_token"));
    assertEquals(200, api("api/me", second.getString("access_token")).statusCode());

    // the first refresh token is presented again: theft is assumed, the whole family dies
    assertOAuthError(refresh(first.getString("refresh_token")), 400, "invalid_grant");
    assertOAuthError(refresh(second.getString("refresh_token")), 400, "invalid_grant");

    // another login of the same user is another family and unaffected
    JsonObject other = passwordGrant(ALICE, ALICE_PASSWORD);
    assertEquals(200, refresh(other.getString("refresh_token")).statusCode());
  }

  @Test
  void whenBearerLogsOut_thenTheTokenAndItsRefreshFamilyAreRevoked() {
    JsonObject t = passwordGrant(ALICE, ALICE_PASSWORD);
    String access = t.getString("access_token");
    JsonObject other = passwordGrant(ALICE, ALICE_PASSWORD);
    assertEquals(204, postWithToken("auth/logout", access).statusCode());

    HttpResponse<String> after = api("api/me", access);
    assertEquals(401, after.statusCode());
    assertTrue(Http.challenge(after).contains("error=\"invalid_token\""), Http.challenge(after));
    assertTrue(Http.challenge(after).contains("revoked"), Http.challenge(after));
    assertOAuthError(refresh(t.getString("refresh_token")), 400, "invalid_grant");

    assertEquals(200, api("api/me", other.getString("access_token")).statusCode(), "other login");
    assertEquals(
        401,
        Http.send(
                HttpRequest.newBuilder(uri("auth/logout"))
                    .POST(HttpRequest.BodyPublishers.noBody()))
            .statusCode());
  }

  @Test
  void whenAdminForcesALogout_thenEverySessionAndTokenOfThatUserFailsAndOthersWork() {
    Browser aliceBrowser = new Browser(base);
    aliceBrowser.login(ALICE, ALICE_PASSWORD);
    assertEquals(200, aliceBrowser.get("app/home").statusCode());
    JsonObject aliceTokens = passwordGrant(ALICE, ALICE_PASSWORD);
    Browser bobBrowser = new Browser(base);
    bobBrowser.login(BOB, BOB_PASSWORD);
    String admin = passwordGrant(BOB, BOB_PASSWORD).getString("access_token");

    HttpResponse<String> listed = api("admin/users/alice", admin);
    assertEquals(200, listed.statusCode(), listed.body());
    assertTrue(json(listed).getJsonArray("sessions").size() >= 1, listed.body());
    assertTrue(json(listed).getJsonArray("refreshTokens").size() >= 1, listed.body());
    assertFalse(listed.body().contains(aliceBrowser.sessionId()), "session IDs are never shown");

    assertEquals(403, api("admin/users/bob", aliceTokens.getString("access_token")).statusCode());
    assertEquals(401, Http.get(uri("admin/users/bob")).statusCode());

    HttpResponse<String> forced = postWithToken("admin/users/alice/logout", admin);
    assertEquals(200, forced.statusCode(), forced.body());

    assertTrue(
        aliceBrowser.get("app/home").statusCode() / 100 == 3, "alice's cookie is logged out");
    assertEquals(401, api("api/me", aliceTokens.getString("access_token")).statusCode());
    assertOAuthError(refresh(aliceTokens.getString("refresh_token")), 400, "invalid_grant");

    assertEquals(200, bobBrowser.get("app/home").statusCode(), "bob's session is unaffected");
    assertEquals(200, api("api/me", admin).statusCode(), "bob's token is unaffected");
    JsonObject again = passwordGrant(ALICE, ALICE_PASSWORD);
    assertEquals(
        200, api("api/me", again.getString("access_token")).statusCode(), "alice may log in again");
  }

  @Test
  void whenAdminUsesTheLegacyPage_thenTheForcedLogoutWorksThereToo() {
    Browser victim = new Browser(base);
    victim.login(ALICE, ALICE_PASSWORD);
    Browser bob = new Browser(base);
    bob.login(BOB, BOB_PASSWORD);
    String page = bob.get("app/admin").body();
    Matcher m = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page);
    assertTrue(m.find(), page);
    assertEquals(
        403, bob.post("app/admin", Map.of("user", ALICE)).statusCode(), "needs the CSRF token");
    HttpResponse<String> done =
        bob.post("app/admin", Map.of("user", ALICE, "csrf_token", m.group(1)));
    assertEquals(200, done.statusCode(), done.body());
    assertTrue(done.body().contains("id=\"result\""), done.body());
    assertTrue(victim.get("app/home").statusCode() / 100 == 3);
    assertEquals(200, bob.get("app/home").statusCode());
  }

  @Test
  void whenSessionGrantHasTheCsrfToken_thenTheSessionBecomesAnAccessToken() {
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    String home = browser.get("app/home").body();
    Matcher m = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(home);
    assertTrue(m.find(), home);

    HttpResponse<String> noCsrf = browser.post("auth/token", Map.of("grant_type", "session"));
    assertOAuthError(noCsrf, 403, "invalid_request");
    HttpResponse<String> wrong =
        browser.post("auth/token", Map.of("grant_type", "session"), "X-CSRF-Token", "guess");
    assertEquals(403, wrong.statusCode());

    HttpResponse<String> ok =
        browser.post("auth/token", Map.of("grant_type", "session"), "X-CSRF-Token", m.group(1));
    assertEquals(200, ok.statusCode(), ok.body());
    assertFalse(
        json(ok).containsKey("refresh_token"), "the session stays the long-lived credential");
    assertEquals(ALICE, json(api("api/me", json(ok).getString("access_token"))).getString("name"));

    HttpResponse<String> noSession =
        Http.postForm(
            uri("auth/token"), Map.of("grant_type", "session"), "X-CSRF-Token", m.group(1));
    assertOAuthError(noSession, 400, "invalid_grant");
  }

  @Test
  void whenTokenIsCheckedWithTheJwksByAnIndependentVerifier_thenItVerifies() throws Exception {
    String access = passwordGrant(BOB, BOB_PASSWORD).getString("access_token");
    HttpsJwks jwks = new HttpsJwks(uri(".well-known/jwks.json").toString());
    JwtConsumer consumer =
        new JwtConsumerBuilder()
            .setVerificationKeyResolver(new HttpsJwksVerificationKeyResolver(jwks))
            .setExpectedIssuer(ISSUER)
            .setExpectedAudience(AUDIENCE)
            .setRequireExpirationTime()
            .setRequireJwtId()
            .build();
    JwtClaims c = consumer.processToClaims(access);
    assertEquals(BOB, c.getSubject());
    HttpResponse<String> raw = Http.get(uri(".well-known/jwks.json"));
    assertFalse(raw.body().contains("\"d\""), "no private key material in the JWKS");
  }

  @Test
  void whenTheSigningKeyRotates_thenNewTokensUseItAndOlderTokensStayValid() {
    String admin = passwordGrant(BOB, BOB_PASSWORD).getString("access_token");
    String before = passwordGrant(ALICE, ALICE_PASSWORD).getString("access_token");
    HttpResponse<String> rotated = postWithToken("admin/keys/rotate", admin);
    assertEquals(200, rotated.statusCode(), rotated.body());
    String newKid = json(rotated).getString("kid");
    assertNotEquals(kid(before), newKid);

    String after = passwordGrant(ALICE, ALICE_PASSWORD).getString("access_token");
    assertEquals(newKid, kid(after));
    assertEquals(200, api("api/me", after).statusCode());
    assertEquals(200, api("api/me", before).statusCode(), "tokens of the previous key stay valid");
    String jwks = Http.get(uri(".well-known/jwks.json")).body();
    assertTrue(jwks.contains(kid(before)) && jwks.contains(newKid), jwks);
    assertEquals(403, postWithToken("admin/keys/rotate", before).statusCode(), "admins only");
  }
}
