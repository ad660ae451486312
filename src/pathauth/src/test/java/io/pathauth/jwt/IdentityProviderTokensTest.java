package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.PathAuthConfig;
import io.pathauth.dev.DevTokens;
import io.pathauth.support.TestSettings;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each identity provider's recipe of {@code docs/identity-providers.md}, read from the document
 * itself, against a token shaped exactly like that provider's documented access token (the payloads
 * in {@code src/test/resources/idp}, copied from the providers' public documentation; only the
 * times are made current), signed by a key made here. Then the same token turned into what the
 * recipe must keep out: an ID token, another app's token, an older token version.
 */
class IdentityProviderTokensTest {

  private static KeyPair key;
  private static String doc;

  @BeforeAll
  static void setUp() throws IOException {
    key = TestSettings.rsa();
    doc =
        Files.readString(
            Path.of("").toAbsolutePath().resolve("../../docs/identity-providers.md").normalize());
  }

  /** The properties block under the heading {@code ## name}, exactly as the document gives it. */
  private static Properties recipe(String name) throws IOException {
    Matcher m =
        Pattern.compile(
                "## " + Pattern.quote(name) + "\\n.*?```properties\\n(.*?)```", Pattern.DOTALL)
            .matcher(doc);
    assertTrue(m.find(), "docs/identity-providers.md has a recipe for " + name);
    Properties p = new Properties();
    p.load(new StringReader(m.group(1)));
    return p;
  }

  /** The recipe's verifier, with the test key in place of the provider's key location. */
  private static SmallRyeTokenVerifier verifier(String name) throws IOException {
    Map<String, String> properties = new HashMap<>();
    recipe(name).forEach((k, v) -> properties.put((String) k, (String) v));
    properties.remove("mp.jwt.verify.publickey.location");
    properties.put(
        "mp.jwt.verify.publickey", DevTokens.pem("PUBLIC KEY", key.getPublic().getEncoded()));
    properties.put("pathauth.path.api.paths", "/api/*");
    properties.put("pathauth.path.api.mechanism", "jwt");
    PathAuthConfig config =
        PathAuthConfig.from(
            new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "recipe", 100))
                .build());
    return new SmallRyeTokenVerifier(config.jwt());
  }

  private static Map<String, Object> claims(String provider) throws Exception {
    try (InputStream in =
        IdentityProviderTokensTest.class.getResourceAsStream("/idp/" + provider)) {
      return new LinkedHashMap<>(
          JsonUtil.parseJson(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
  }

  private static String token(String typ, Map<String, Object> claims) {
    return SignedJson.sign(key.getPrivate(), typ, Map.of("kid", "k1"), SignedJson.fresh(claims));
  }

  private static void assertRefused(SmallRyeTokenVerifier verifier, String token) {
    assertThrows(InvalidBearerTokenException.class, () -> verifier.verify(token));
  }

  @Test
  void keycloak_whenAnAccessTokenOfTheRealm_thenRealmAndClientRolesAndTheUserName()
      throws Exception {
    SmallRyeTokenVerifier verifier = verifier("Keycloak");
    Map<String, Object> claims = claims("keycloak.json");
    JsonWebToken jwt = verifier.verify(token("JWT", claims));
    assertEquals("jane", jwt.getName());
    Set<String> roles = Set.of("offline_access", "uma_authorization", "app-user", "orders-reader");
    assertEquals(roles, jwt.getGroups());
    assertEquals(roles, jwt.getClaim("groups"));
    assertEquals("frontend-client", jwt.getClaim("azp"));

    claims.put("typ", "ID"); // Keycloak's ID token: same header, typ claim ID
    assertRefused(verifier, token("JWT", claims));
  }

  @Test
  void cognito_whenAnAccessTokenWithoutAud_thenClientIdIsTheAudienceAndGroupsAndScopesAreRoles()
      throws Exception {
    SmallRyeTokenVerifier verifier = verifier("AWS Cognito");
    Map<String, Object> claims = claims("cognito.json");
    JsonWebToken jwt = verifier.verify(token(null, claims)); // Cognito's header has no typ
    assertEquals("janedoe@example.com", jwt.getName());
    assertEquals(Set.of("admin", "SCOPE_aws.cognito.signin.user.admin"), jwt.getGroups());

    Map<String, Object> idToken = new LinkedHashMap<>(claims);
    idToken.put("token_use", "id");
    assertRefused(verifier, token(null, idToken));
    Map<String, Object> otherApp = new LinkedHashMap<>(claims);
    otherApp.put("client_id", "another-app-client");
    assertRefused(verifier, token(null, otherApp));
    Map<String, Object> noClient = new LinkedHashMap<>(claims);
    noClient.remove("client_id");
    assertRefused(verifier, token(null, noClient));
  }

  @Test
  void entra_whenAV2AccessToken_thenAppRolesAndDelegatedScopesAreRoles() throws Exception {
    SmallRyeTokenVerifier verifier = verifier("Microsoft Entra ID");
    Map<String, Object> claims = claims("entra.json");
    JsonWebToken jwt = verifier.verify(token("JWT", claims));
    assertEquals("abeli@microsoft.com", jwt.getName());
    assertEquals(Set.of("Task.Read", "Task.Write", "SCOPE_access_as_user"), jwt.getGroups());

    claims.put("ver", "1.0");
    assertRefused(verifier, token("JWT", claims));
  }

  @Test
  void auth0_whenBothTokenProfiles_thenPermissionsNamespacedRolesAndScopesAreRoles()
      throws Exception {
    SmallRyeTokenVerifier verifier = verifier("Auth0");
    Map<String, Object> claims = claims("auth0.json");
    Set<String> roles =
        Set.of(
            "read:patients",
            "read:admin",
            "admin",
            "editor",
            "SCOPE_openid",
            "SCOPE_profile",
            "SCOPE_read:patients",
            "SCOPE_read:admin");
    for (String typ : new String[] {"JWT", "at+jwt"}) {
      JsonWebToken jwt = verifier.verify(token(typ, claims));
      assertEquals("auth0|123456", jwt.getName());
      assertEquals(roles, jwt.getGroups(), typ);
    }
    claims.put("aud", "https://example.com/other-api");
    assertRefused(verifier, token("JWT", claims));
  }
}
