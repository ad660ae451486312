package io.pathauth.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** MP-JWT bearer authentication on {@code /api}, against the demo WAR on a real server. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BearerFlowIT {

  private static final String BARE_CHALLENGE = "Bearer realm=\"pathauth\"";
  private static final String INVALID_TOKEN =
      "Bearer realm=\"pathauth\", error=\"invalid_token\", error_description=\"";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demo();
  }

  @ArquillianResource URL base;

  private URI uri(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  private HttpResponse<String> get(String path, String token) {
    return token == null
        ? Http.get(uri(path))
        : Http.get(uri(path), "Authorization", "Bearer " + token);
  }

  private static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  @Test
  void whenTokenIsValid_thenJaxRsSeesTheJsonWebTokenClaimsAndRoles() {
    HttpResponse<String> r = get("api/me", Tokens.valid("alice", "user"));
    assertEquals(200, r.statusCode(), r.body());
    JsonObject me = json(r);
    assertEquals("alice", me.getString("name"), "name from upn");
    assertEquals("alice-id", me.getString("subject"), "@Claim(sub)");
    assertEquals(
        List.of("user"),
        me.getJsonArray("groups").getValuesAs(j -> j.toString().replace("\"", "")));
    assertEquals(Tokens.ISSUER, me.getString("issuer"));
    assertTrue(me.getBoolean("principalIsJsonWebToken"), "getUserPrincipal() is the JsonWebToken");
    assertEquals(false, me.getBoolean("isAdmin"));
  }

  @Test
  void whenOneCallerAlternatesTokens_thenPrincipalAndInjectedTokenAreThoseOfEachRequest() {
    // Liberty keeps one Subject per caller and groups; the principal must not pin a token.
    String first = "first-" + nonce();
    String second = "second-" + nonce();
    Map<String, String> tokens =
        Map.of(
            first, Tokens.sign(Tokens.claims("alice", "user").claim("jti", first)),
            second, Tokens.sign(Tokens.claims("alice", "user").claim("jti", second)));
    for (String jti : List.of(first, second, first, second)) {
      HttpResponse<String> r = get("api/me", tokens.get(jti));
      assertEquals(200, r.statusCode(), r.body());
      JsonObject me = json(r);
      assertEquals(jti, me.getString("tokenId"), "@Inject JsonWebToken");
      assertEquals(jti, me.getString("principalTokenId"), "getUserPrincipal()");
    }
  }

  private static String nonce() {
    return Long.toHexString(System.nanoTime());
  }

  @Test
  void whenNameClaimsDiffer_thenUpnThenPreferredUsernameThenSub() {
    String preferredOnly =
        Tokens.sign(
            io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject("s-123")
                .claim("preferred_username", "carol")
                .groups("user")
                .expiresIn(300));
    assertEquals("carol", json(get("api/me", preferredOnly)).getString("name"));
    String subOnly =
        Tokens.sign(
            io.smallrye.jwt.build.Jwt.issuer(Tokens.ISSUER)
                .audience(Tokens.AUDIENCE)
                .subject("s-456")
                .groups("user")
                .expiresIn(300));
    assertEquals("s-456", json(get("api/me", subOnly)).getString("name"));
  }

  @Test
  void whenAdminRoleMissing_thenForbiddenAndAdminAllowed() {
    HttpResponse<String> forbidden = get("api/admin", Tokens.valid("alice", "user"));
    assertEquals(403, forbidden.statusCode());
    assertEquals(
        "Bearer realm=\"pathauth\", error=\"insufficient_scope\","
            + " error_description=\"The caller lacks a required role\"",
        Http.challenge(forbidden));
    HttpResponse<String> bob = get("api/admin", Tokens.valid("bob", "user", "admin"));
    assertEquals(200, bob.statusCode(), bob.body());
    assertEquals(
        true, json(get("api/me", Tokens.valid("bob", "user", "admin"))).getBoolean("isAdmin"));
  }

  @Test
  void whenNoTokenOnProtectedResource_thenUnauthorizedWithBareBearerChallenge() {
    HttpResponse<String> r = get("api/me", null);
    assertEquals(401, r.statusCode());
    assertEquals(BARE_CHALLENGE, Http.challenge(r));
  }

  @Test
  void whenNoTokenOnUnprotectedResource_thenAnonymous() {
    HttpResponse<String> r = get("api/public/hello", null);
    if (ItServer.current() == ItServer.PAYARA) {
      // Stated difference (README, "Known server behaviour"): Payara reports a JAX-RS resource
      // with security annotations, @PermitAll included, as protected, so pathauth asks for a token.
      assertEquals(401, r.statusCode(), r.body());
      assertEquals(BARE_CHALLENGE, Http.challenge(r));
      return;
    }
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(json(r).isNull("caller"));
  }

  @Test
  void whenValidTokenOnUnprotectedResource_thenCallerIsKnown() {
    HttpResponse<String> r = get("api/public/hello", Tokens.valid("alice", "user"));
    assertEquals(200, r.statusCode());
    assertEquals("alice", json(r).getString("caller"));
  }

  @Test
  void whenTokenIsBad_thenUnauthorizedInvalidTokenOnProtectedAndUnprotectedResources() {
    Map<String, Supplier<String>> bad =
        Map.of(
            "expired", Tokens::expired,
            "not yet valid", Tokens::notYetValid,
            "wrong issuer", Tokens::wrongIssuer,
            "wrong audience", Tokens::wrongAudience,
            "bad signature", Tokens::badSignature,
            "alg none", Tokens::algNone,
            "signature stripped", Tokens::unsigned,
            "garbage", () -> "this-is-not-a-jwt",
            "three garbage segments", () -> "abc.def.ghi");
    for (Map.Entry<String, Supplier<String>> e : bad.entrySet()) {
      String token = e.getValue().get();
      for (String path : List.of("api/me", "api/public/hello")) {
        HttpResponse<String> r = get(path, token);
        assertEquals(401, r.statusCode(), e.getKey() + " on " + path + ": " + r.body());
        String challenge = Http.challenge(r);
        assertTrue(
            challenge != null && challenge.startsWith(INVALID_TOKEN),
            e.getKey() + " on " + path + ": " + challenge);
        assertTrue(r.body().contains("\"error\":\"invalid_token\""), r.body());
      }
    }
  }

  @Test
  void whenTokenIsBadOnAnUnprotectedEndpoint_thenTheEndpointNeverRuns() {
    String valid = Tokens.valid("alice", "user");
    long before = json(get("api/public/visits", valid)).getJsonNumber("visits").longValue();
    HttpResponse<String> rejected =
        Http.send(
            java.net.http.HttpRequest.newBuilder(uri("api/public/visits"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
            "Authorization",
            "Bearer " + Tokens.badSignature());
    assertEquals(401, rejected.statusCode());
    HttpResponse<String> accepted =
        Http.send(
            java.net.http.HttpRequest.newBuilder(uri("api/public/visits"))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()),
            "Authorization",
            "Bearer " + Tokens.valid("alice", "user"));
    assertEquals(200, accepted.statusCode());
    long after = json(get("api/public/visits", valid)).getJsonNumber("visits").longValue();
    assertEquals(before + 1, after, "only the accepted request counted");
  }

  @Test
  void whenTokenExpired_thenDescriptionSaysSoWithoutInternals() {
    HttpResponse<String> r = get("api/me", Tokens.expired());
    assertEquals(INVALID_TOKEN + "The token has expired\"", Http.challenge(r));
  }

  @Test
  void whenOnJwtPath_thenNoSessionIsEverCreated() {
    for (HttpResponse<String> r :
        List.of(
            get("api/me", Tokens.valid("alice", "user")),
            get("api/admin", Tokens.valid("alice", "user")),
            get("api/me", null),
            get("api/me", Tokens.expired()),
            get("api/public/hello", null))) {
      assertTrue(Http.setCookies(r).isEmpty(), r.uri() + " set " + Http.setCookies(r));
    }
  }

  @Test
  void whenAuthorizationIsAnotherScheme_thenNoBearerCredentials() {
    HttpResponse<String> r = Http.get(uri("api/me"), "Authorization", "Basic YWxpY2U6eA==");
    assertEquals(401, r.statusCode());
    assertEquals(BARE_CHALLENGE, Http.challenge(r));
  }
}
