package io.pathauth.it.idp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.TestKeys;
import io.pathauth.it.support.Tokens;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
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

/**
 * Claim mapping on a real server: the demo with Keycloak's recipe (roles from {@code
 * realm_access.roles} and the API client's {@code resource_access} roles, the name from {@code
 * preferred_username}, the {@code typ} claim required to be {@code Bearer}). The mapped roles reach
 * {@code @RolesAllowed}, {@code isUserInRole} and {@code @Claim("groups")}; the mapped name reaches
 * {@code JsonWebToken.getName()}; tokens of another kind or with claims of the wrong type get 401.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ClaimMappingIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(
        Map.of(
            "pathauth.jwt.roles-claims",
            "realm_access/roles,resource_access/" + Tokens.AUDIENCE + "/roles",
            "pathauth.jwt.name-claim",
            "preferred_username",
            "pathauth.jwt.required-claims",
            "typ=Bearer"));
  }

  @ArquillianResource URL base;

  private HttpResponse<String> get(String path, String token) {
    return Http.get(URI.create(base.toString()).resolve(path), "Authorization", "Bearer " + token);
  }

  /** A Keycloak-shaped access token: no groups claim, roles where Keycloak puts them. */
  private static JwtClaimsBuilder keycloak(List<String> realmRoles, List<String> clientRoles) {
    return Tokens.claims("kc-user")
        .remove("groups")
        .remove("upn")
        .claim("preferred_username", "jane")
        .claim("typ", "Bearer")
        .claim("azp", "frontend")
        .claim("realm_access", Map.of("roles", realmRoles))
        .claim(
            "resource_access",
            Map.of(
                Tokens.AUDIENCE,
                Map.of("roles", clientRoles),
                "account",
                Map.of("roles", List.of("manage-account"))));
  }

  private static String sign(JwtClaimsBuilder claims, String typ) {
    return claims.jws().keyId("test").header("typ", typ).sign(TestKeys.TRUSTED.getPrivate());
  }

  @Test
  void whenRealmAndClientRolesAreMapped_thenTheyReachRolesAllowedIsUserInRoleAndTheGroupsClaim() {
    String token = sign(keycloak(List.of("user"), List.of("admin")), "JWT");
    HttpResponse<String> me = get("api/me", token);
    assertEquals(200, me.statusCode(), me.body());
    JsonObject body = Json.createReader(new StringReader(me.body())).readObject();
    assertEquals("jane", body.getString("name"));
    assertEquals(
        List.of("admin", "user"),
        body.getJsonArray("groups").getValuesAs(v -> v.toString().replace("\"", "")));
    assertTrue(body.getBoolean("isAdmin"));
    assertEquals(200, get("api/admin", token).statusCode());
  }

  @Test
  void whenOnlyAnotherClientsRolesGrantAdmin_thenAdminIsForbidden() {
    String token = sign(keycloak(List.of("user"), List.of()), "JWT");
    assertEquals(200, get("api/me", token).statusCode());
    HttpResponse<String> admin = get("api/admin", token);
    assertEquals(403, admin.statusCode(), admin.body());
  }

  @Test
  void whenTheTokenCarriesOnlyAStandardGroupsClaim_thenItGrantsNothingHere() {
    HttpResponse<String> r = get("api/me", Tokens.sign(Tokens.claims("alice", "user", "admin")));
    // verified (signature, issuer, audience), but no roles where this deployment reads them; and
    // no typ=Bearer claim: refused as another kind of token
    assertEquals(401, r.statusCode(), r.body());
  }

  @Test
  void whenAKeycloakIdTokenIsSentAsAccessToken_thenInvalidToken() {
    HttpResponse<String> r =
        get("api/me", sign(keycloak(List.of("user"), List.of()).claim("typ", "ID"), "JWT"));
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(Http.challenge(r).contains("error=\"invalid_token\""), Http.challenge(r));
  }

  @Test
  void whenTheHeaderNamesALogoutToken_thenInvalidToken() {
    HttpResponse<String> r =
        get("api/me", sign(keycloak(List.of("user"), List.of()), "logout+jwt"));
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(Http.challenge(r).contains("Wrong token type"), Http.challenge(r));
  }

  @Test
  void whenRealmRolesAreAStringInsteadOfAnArray_thenInvalidTokenNotSplitRoles() {
    JwtClaimsBuilder claims =
        keycloak(List.of(), List.of()).claim("realm_access", Map.of("roles", "user admin"));
    HttpResponse<String> r = get("api/admin", sign(claims, "JWT"));
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(Http.challenge(r).contains("wrong type"), Http.challenge(r));
  }
}
