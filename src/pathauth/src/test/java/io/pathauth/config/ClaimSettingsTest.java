package io.pathauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bearer feature's claim keys: defaults, the path syntax, and errors that name the key. */
class ClaimSettingsTest {

  private static ClaimSettings read(Map<String, String> properties) {
    ConfigReader r =
        new ConfigReader(
            new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build());
    return ClaimSettings.read(r, r.list(JwtSettings.MP_AUDIENCES));
  }

  private static String invalidKey(Map<String, String> properties) {
    return assertThrows(PathAuthConfigException.class, () -> read(properties)).key();
  }

  @Test
  void whenNothingIsSet_thenTheMappingIsMpJwtsOwn() {
    ClaimSettings s = read(Map.of());
    assertTrue(s.standardCaller());
    assertEquals(Set.of("JWT", "AT+JWT"), s.allowedTypes());
    assertEquals(false, s.typeRequired());
  }

  @Test
  void whenPathsAreQuoted_thenSlashesInsideQuotesBelongToTheName() {
    assertEquals(
        List.of("https://ns.example/roles"),
        ClaimPath.parse("k", "\"https://ns.example/roles\"").segments());
    assertEquals(
        List.of("resource_access", "orders-api", "roles"),
        ClaimPath.parse("k", "resource_access/orders-api/roles").segments());
    assertEquals(List.of("cognito:groups"), ClaimPath.parse("k", "cognito:groups").segments());
    assertEquals(
        List.of(List.of("x")),
        ClaimPath.parse("k", "o/*/r")
            .find(Map.of("o", Map.of("1", Map.of("r", List.of("x")), "2", Map.of()))));
    assertEquals(
        List.of("star"), ClaimPath.parse("k", "\"*\"").find(Map.of("*", "star", "b", "no")));
  }

  @Test
  void whenAPathIsBroken_thenTheErrorNamesTheKey() {
    assertEquals(
        ClaimSettings.ROLES, invalidKey(Map.of(ClaimSettings.ROLES, "realm_access//roles")));
    assertEquals(ClaimSettings.ROLES, invalidKey(Map.of(ClaimSettings.ROLES, "\"unclosed/roles")));
    assertEquals(ClaimSettings.NAME, invalidKey(Map.of(ClaimSettings.NAME, "users/*/name")));
    assertEquals(ClaimSettings.REQUIRED, invalidKey(Map.of(ClaimSettings.REQUIRED, "token_use")));
    assertEquals(ClaimSettings.REQUIRED, invalidKey(Map.of(ClaimSettings.REQUIRED, "=access")));
  }

  @Test
  void whenAFallbackHasNoAudienceToCompareWith_thenItIsRefused() {
    assertEquals(
        ClaimSettings.AUDIENCE_FALLBACK,
        invalidKey(Map.of(ClaimSettings.AUDIENCE_FALLBACK, "client_id")));
    Map<String, String> ok = new HashMap<>();
    ok.put(ClaimSettings.AUDIENCE_FALLBACK, "client_id");
    ok.put(JwtSettings.MP_AUDIENCES, "app");
    assertEquals(List.of("client_id"), read(ok).audienceFallback());
  }

  @Test
  void whenAPrefixHasNoScopeClaim_thenItIsRefused() {
    assertEquals(
        ClaimSettings.SCOPE_PREFIX, invalidKey(Map.of(ClaimSettings.SCOPE_PREFIX, "SCOPE_")));
  }

  @Test
  void whenTypIsSetExactly_thenItIsRequiredAndTheAllowListCannotBeSetToo() {
    ClaimSettings s = read(Map.of(ClaimSettings.TYP, "application/at+jwt"));
    assertEquals(Set.of("AT+JWT"), s.allowedTypes());
    assertTrue(s.typeRequired());
    assertEquals(
        ClaimSettings.TYP_ALLOWED,
        invalidKey(Map.of(ClaimSettings.TYP, "JWT", ClaimSettings.TYP_ALLOWED, "JWT")));
  }
}
