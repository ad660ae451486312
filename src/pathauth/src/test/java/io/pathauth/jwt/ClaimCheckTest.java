package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.config.ClaimPath;
import io.pathauth.config.ClaimSettings;
import io.pathauth.support.TestSettings;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the claim step refuses that smallrye-jwt and jose4j would accept, and the mapping, through
 * the real verifier with real signatures (tokens signed as they are, with {@link SignedJson}).
 */
class ClaimCheckTest {

  private static KeyPair key;

  @BeforeAll
  static void keys() {
    key = TestSettings.rsa();
  }

  private static SmallRyeTokenVerifier verifier(ClaimSettings claims) {
    return new SmallRyeTokenVerifier(
        TestSettings.jwt(key.getPublic(), "https://idp", List.of("api"), claims));
  }

  private static SmallRyeTokenVerifier standard() {
    return verifier(ClaimSettings.standard());
  }

  private static Map<String, Object> claims() {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", "https://idp");
    c.put("aud", "api");
    c.put("sub", "u-1");
    c.put("upn", "alice");
    c.put("groups", List.of("user"));
    return c;
  }

  private static String sign(String typ, Map<String, Object> claims) {
    return SignedJson.sign(key.getPrivate(), typ, SignedJson.fresh(claims));
  }

  private static String refusal(SmallRyeTokenVerifier verifier, String token) {
    return assertThrows(InvalidBearerTokenException.class, () -> verifier.verify(token))
        .error()
        .description();
  }

  @Test
  void whenTheTokenIsOfTheStandardShape_thenTheVerifiedTokenItselfIsReturned() {
    JsonWebToken jwt = standard().verify(sign("JWT", claims()));
    assertEquals("alice", jwt.getName());
    assertEquals(Set.of("user"), jwt.getGroups());
    assertEquals(false, jwt instanceof MappedToken, "no mapping, no wrapper");
  }

  @ParameterizedTest
  @ValueSource(strings = {"JWT", "jwt", "at+jwt", "application/at+jwt", "AT+JWT"})
  void whenTypIsAnAccessTokenType_thenTheTokenIsAccepted(String typ) {
    assertEquals("alice", standard().verify(sign(typ, claims())).getName());
  }

  @Test
  void whenTypIsMissing_thenTheTokenIsAcceptedUnlessATypIsRequired() {
    assertEquals("alice", standard().verify(sign(null, claims())).getName());
    assertEquals(
        "Wrong token type",
        refusal(verifier(ClaimSettings.exactType("at+jwt")), sign(null, claims())));
  }

  @ParameterizedTest
  @ValueSource(strings = {"logout+jwt", "secevent+jwt", "dpop+jwt", "JOSE", "id_token+jwt", ""})
  void whenTypNamesAnotherKindOfObject_thenTheTokenIsRefused(String typ) {
    // RFC 8725 §3.11: an OIDC back-channel logout token signed by the same IdP must not pass as
    // an access token
    assertEquals("Wrong token type", refusal(standard(), sign(typ, claims())));
  }

  @Test
  void whenTypIsNotAString_thenTheTokenIsRefused() {
    String token =
        SignedJson.sign(key.getPrivate(), null, Map.of(), SignedJson.fresh(claims()))
            .replaceFirst("^[^.]+", "eyJhbGciOiJSUzI1NiIsInR5cCI6MX0"); // {"alg":"RS256","typ":1}
    assertEquals("Wrong token type", refusal(standard(), token));
  }

  @Test
  void whenTheHeaderAnnouncesANestedToken_thenTheTokenIsRefused() {
    String token =
        SignedJson.sign(key.getPrivate(), "JWT", Map.of("cty", "JWT"), SignedJson.fresh(claims()));
    assertEquals("Nested tokens are not accepted", refusal(standard(), token));
  }

  @Test
  void whenGroupsIsAString_thenItIsRefusedNotSplitAtSpaces() {
    Map<String, Object> c = claims();
    c.put("groups", "admin user"); // smallrye-jwt alone would make this [admin, user]
    assertEquals("The claim 'groups' has the wrong type", refusal(standard(), sign("JWT", c)));
  }

  @Test
  void whenGroupsHoldsANonString_thenItIsRefused() {
    Map<String, Object> c = claims();
    c.put("groups", List.of("user", 7));
    assertEquals("The claim 'groups' has the wrong type", refusal(standard(), sign("JWT", c)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"upn", "preferred_username"})
  void whenANameClaimIsNotAString_thenItIsRefused(String claim) {
    Map<String, Object> c = claims();
    c.put(claim, 42);
    assertEquals(
        "The claim '" + claim + "' has the wrong type", refusal(standard(), sign("JWT", c)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "jti", "iss"})
  void whenARegisteredStringClaimIsNotAString_thenJose4jAlreadyRefusesIt(String claim) {
    Map<String, Object> c = claims();
    c.put(claim, 42);
    refusal(standard(), sign("JWT", c));
  }

  @Test
  void whenAudIsANumber_thenItIsRefused() {
    Map<String, Object> c = claims();
    c.put("aud", 1);
    refusal(standard(), sign("JWT", c));
  }

  @Test
  void whenAuthTimeIsAString_thenItIsRefused() {
    Map<String, Object> c = claims();
    String json = SignedJson.fresh(c).replace("}", ",\"auth_time\":\"yesterday\"}");
    assertEquals(
        "The claim 'auth_time' has the wrong type",
        refusal(standard(), SignedJson.sign(key.getPrivate(), "JWT", json)));
  }

  @Test
  void whenAClaimNameAppearsTwice_thenTheTokenIsRefused() {
    String json = SignedJson.fresh(claims()).replace("}", ",\"upn\":\"mallory\"}");
    refusal(standard(), SignedJson.sign(key.getPrivate(), "JWT", json));
  }

  private static ClaimSettings mapping(
      List<String> roles, String scope, String prefix, String name, List<String> required) {
    return new ClaimSettings(
        roles.stream().map(p -> ClaimPath.parse("test", p)).toList(),
        Optional.ofNullable(scope).map(p -> ClaimPath.parse("test", p)),
        prefix,
        Optional.ofNullable(name).map(p -> ClaimPath.parse("test", p)),
        List.of(),
        required.stream()
            .map(
                r ->
                    new ClaimSettings.RequiredClaim(
                        ClaimPath.parse("test", r.substring(0, r.indexOf('='))),
                        r.substring(r.indexOf('=') + 1)))
            .toList(),
        ClaimSettings.DEFAULT_TYPES,
        false);
  }

  @Test
  void whenRolesComeFromSeveralPaths_thenTheyAreMergedAndGroupsAnswersThem() {
    Map<String, Object> c = claims();
    c.remove("groups");
    c.put("realm_access", Map.of("roles", List.of("a")));
    c.put(
        "resource_access",
        Map.of("api", Map.of("roles", List.of("b")), "x", Map.of("roles", List.of("c"))));
    c.put("https://ns.example/roles", List.of("d"));
    JsonWebToken jwt =
        verifier(
                mapping(
                    List.of(
                        "realm_access/roles",
                        "resource_access/api/roles",
                        "\"https://ns.example/roles\""),
                    null,
                    "",
                    null,
                    List.of()))
            .verify(sign("JWT", c));
    assertEquals(Set.of("a", "b", "d"), jwt.getGroups());
    assertEquals(Set.of("a", "b", "d"), jwt.getClaim("groups"));
    assertEquals("alice", jwt.getName());
    JsonWebToken every =
        verifier(mapping(List.of("resource_access/*/roles"), null, "", null, List.of()))
            .verify(sign("JWT", c));
    assertEquals(Set.of("b", "c"), every.getGroups());
  }

  @Test
  void whenARolesPathHoldsAString_thenItIsRefusedNotSplit() {
    Map<String, Object> c = claims();
    c.put("realm_access", Map.of("roles", "a b"));
    assertEquals(
        "The claim 'realm_access/roles' has the wrong type",
        refusal(
            verifier(mapping(List.of("realm_access/roles"), null, "", null, List.of())),
            sign("JWT", c)));
  }

  @Test
  void whenScopesAreRoles_thenEachGetsThePrefixAndAnArrayScopeIsRefused() {
    Map<String, Object> c = claims();
    c.put("scope", "read  write");
    SmallRyeTokenVerifier v =
        verifier(mapping(List.of("groups"), "scope", "SCOPE_", null, List.of()));
    assertEquals(Set.of("user", "SCOPE_read", "SCOPE_write"), v.verify(sign("JWT", c)).getGroups());
    c.put("scope", List.of("read"));
    assertEquals("The claim 'scope' has the wrong type", refusal(v, sign("JWT", c)));
  }

  @Test
  void whenTheNameClaimIsConfigured_thenItNamesTheCallerAndATokenWithoutItIsRefused() {
    Map<String, Object> c = claims();
    c.put("username", "jane");
    SmallRyeTokenVerifier v = verifier(mapping(List.of("groups"), null, "", "username", List.of()));
    assertEquals("jane", v.verify(sign("JWT", c)).getName());
    c.remove("username");
    assertEquals("The token names no caller", refusal(v, sign("JWT", c)));
    c.put("username", List.of("jane"));
    assertEquals("The claim 'username' has the wrong type", refusal(v, sign("JWT", c)));
  }

  @Test
  void whenAClaimIsRequired_thenOnlyThatStringValuePasses() {
    SmallRyeTokenVerifier v =
        verifier(mapping(List.of("groups"), null, "", null, List.of("token_use=access")));
    Map<String, Object> c = claims();
    c.put("token_use", "access");
    assertEquals("alice", v.verify(sign("JWT", c)).getName());
    for (Object other : new Object[] {"id", "ACCESS", List.of("access"), true}) {
      c.put("token_use", other);
      assertEquals(
          "A required claim is missing or wrong",
          refusal(v, sign("JWT", c)),
          String.valueOf(other));
    }
    c.remove("token_use");
    assertEquals("A required claim is missing or wrong", refusal(v, sign("JWT", c)));
  }

  @Test
  void whenAudIsAbsentAndAFallbackClaimIsConfigured_thenThatClaimMustBeAnAudience() {
    ClaimSettings s = ClaimSettings.standard();
    SmallRyeTokenVerifier v =
        verifier(
            new ClaimSettings(
                s.roles(),
                Optional.empty(),
                "",
                Optional.empty(),
                List.of("client_id", "azp"),
                List.of(),
                s.allowedTypes(),
                false));
    Map<String, Object> c = claims();
    c.remove("aud");
    c.put("client_id", "api");
    assertEquals("alice", v.verify(sign("JWT", c)).getName());
    c.put("client_id", "other");
    c.put("azp", "api"); // the first present claim decides
    assertEquals("The token audience is not accepted", refusal(v, sign("JWT", c)));
    c.remove("client_id");
    assertEquals("alice", v.verify(sign("JWT", c)).getName());
    c.remove("azp");
    assertEquals("The token audience is not accepted", refusal(v, sign("JWT", c)));
    c.put("aud", "other"); // a token with aud is judged on aud alone
    c.put("client_id", "api");
    assertEquals("The token audience is not accepted", refusal(v, sign("JWT", c)));
    c.put("aud", List.of("other", "api"));
    assertEquals("alice", v.verify(sign("JWT", c)).getName());
  }

  @Test
  void whenNoFallbackIsConfigured_thenATokenWithoutAudIsRefused() {
    Map<String, Object> c = claims();
    c.remove("aud");
    c.put("client_id", "api");
    refusal(standard(), sign("JWT", c));
  }
}
