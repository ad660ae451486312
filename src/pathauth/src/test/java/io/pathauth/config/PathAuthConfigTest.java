package io.pathauth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class PathAuthConfigTest {

  private static final String KEY = "-----BEGIN PUBLIC KEY-----\nMIIB...\n-----END PUBLIC KEY-----";

  private static Config config(Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build();
  }

  private static Map<String, String> demo() {
    Map<String, String> m = new HashMap<>();
    m.put("pathauth.path.app.paths", "/app/*");
    m.put("pathauth.path.app.mechanism", "session");
    m.put("pathauth.path.api.paths", "/api/*, /v2/*");
    m.put("pathauth.path.api.mechanism", "JWT");
    m.put("pathauth.path.api.methods", "get,POST");
    m.put("mp.jwt.verify.publickey", KEY);
    return m;
  }

  private static PathAuthConfigException invalid(Map<String, String> properties) {
    return assertThrows(
        PathAuthConfigException.class, () -> PathAuthConfig.from(config(properties)));
  }

  @Test
  void whenRulesAreConfigured_thenTheyAreParsedWithDefaults() {
    PathAuthConfig c = PathAuthConfig.from(config(demo()));
    assertEquals(List.of("api", "app"), c.rules().stream().map(r -> r.name()).toList());
    assertEquals(Set.of("GET", "POST"), c.rules().get(0).methods());
    assertEquals(Mechanism.NONE, c.defaultMechanism());
    assertEquals("pathauth", c.realm());
    assertEquals("/login", c.session().loginPage());
    assertEquals("/login?error=true", c.session().errorPage());
    assertEquals("/logout", c.session().logoutPath());
    assertEquals(Set.of("RS256", "ES256"), c.jwt().algorithms());
    assertEquals(60, c.jwt().clockSkewSeconds());
    assertEquals("Authorization", c.jwt().tokenHeader());
    PathMatcher m = c.matcher();
    assertEquals(Mechanism.JWT, m.match("/v2/x", "GET").mechanism());
    assertEquals(Mechanism.NONE, m.match("/v2/x", "DELETE").mechanism());
  }

  @Test
  void whenRuleIsGivenAsEnvironmentVariables_thenItIsFound() {
    Config env =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(demo(), "test", 100))
            .withSources(
                new EnvConfigSource(
                    Map.of(
                        "PATHAUTH_PATH_LEGACY_PATHS", "/legacy/*",
                        "PATHAUTH_PATH_LEGACY_MECHANISM", "session",
                        "PATHAUTH_PATH_API_MECHANISM", "none"),
                    300))
            .build();
    PathAuthConfig c = PathAuthConfig.from(env);
    assertEquals(Mechanism.NONE, c.matcher().match("/api/x", "GET").mechanism(), "env overrides");
    assertTrue(c.rules().stream().anyMatch(r -> r.name().equals("legacy")), c.rules().toString());
  }

  @Test
  void whenEnvironmentVariableSpellsAHyphenatedRule_thenItOverridesThatRule() {
    Map<String, String> props = demo();
    props.put("pathauth.path.legacy-app.paths", "/legacy/*");
    props.put("pathauth.path.legacy-app.mechanism", "session");
    Config env =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(props, "test", 100))
            .withSources(
                new EnvConfigSource(Map.of("PATHAUTH_PATH_LEGACY_APP_MECHANISM", "jwt"), 300))
            .build();
    PathAuthConfig c = PathAuthConfig.from(env);
    assertEquals(3, c.rules().size(), c.rules().toString());
    assertEquals(Mechanism.JWT, c.matcher().match("/legacy/x", "GET").mechanism());
  }

  @Test
  void whenEnvironmentVariableHasAnUnknownAttribute_thenTheKeyIsNamed() {
    Config env =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(demo(), "test", 100))
            .withSources(new EnvConfigSource(Map.of("PATHAUTH_PATH_API_MECHANSIM", "jwt"), 300))
            .build();
    PathAuthConfigException e =
        assertThrows(PathAuthConfigException.class, () -> PathAuthConfig.from(env));
    // Depending on the ConfigSource, the key is reported in its environment or its dotted spelling.
    assertEquals(
        "pathauth.path.api.mechansim",
        e.key().toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
  }

  @Test
  void whenLoginPageHasAQuery_thenDerivedPagesJoinTheirParameter() {
    Map<String, String> m = demo();
    m.put("pathauth.session.login-page", "/login?lang=en");
    SessionSettings s = PathAuthConfig.from(config(m)).session();
    assertEquals("/login?lang=en&error=true", s.errorPage());
    assertEquals("/login?lang=en&logout=true", s.logoutRedirect());
  }

  @Test
  void whenMechanismIsUnknown_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.api.mechanism", "basic");
    PathAuthConfigException e = invalid(m);
    assertEquals("pathauth.path.api.mechanism", e.key());
    assertTrue(e.getMessage().contains("unknown mechanism 'basic'"), e.getMessage());
  }

  @Test
  void whenDefaultMechanismIsUnknown_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.default-mechanism", "open");
    assertEquals("pathauth.default-mechanism", invalid(m).key());
  }

  @Test
  void whenTwoRulesHaveEqualSpecificity_thenTheSecondRulesPathsAreNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.zzz.paths", "/app/*");
    m.put("pathauth.path.zzz.mechanism", "jwt");
    assertEquals("pathauth.path.zzz.paths", invalid(m).key());
  }

  @Test
  void whenAJwtRuleHasNoKey_thenDeploymentIsRefused() {
    Map<String, String> m = demo();
    m.remove("mp.jwt.verify.publickey");
    PathAuthConfigException e = invalid(m);
    assertEquals("mp.jwt.verify.publickey", e.key());
  }

  @Test
  void whenDefaultIsJwtWithoutKey_thenDeploymentIsRefused() {
    Map<String, String> m = new HashMap<>();
    m.put("pathauth.default-mechanism", "jwt");
    assertEquals("mp.jwt.verify.publickey", invalid(m).key());
  }

  @Test
  void whenOnlySessionRules_thenNoKeyIsNeeded() {
    Map<String, String> m = new HashMap<>();
    m.put("pathauth.path.app.paths", "/app/*");
    m.put("pathauth.path.app.mechanism", "session");
    assertEquals(1, PathAuthConfig.from(config(m)).rules().size());
  }

  @Test
  void whenBothKeyAndLocationAreSet_thenRefusedAsMpJwtSays() {
    Map<String, String> m = demo();
    m.put("mp.jwt.verify.publickey.location", "file:/tmp/k.pem");
    assertEquals("mp.jwt.verify.publickey.location", invalid(m).key());
  }

  @Test
  void whenTheStateStoreIsSet_thenFileAndJcacheAreTheOnlyChoices() {
    Map<String, String> m = demo();
    assertEquals(StateSettings.Store.FILE, PathAuthConfig.from(config(m)).state().store());
    m.put("pathauth.state.store", "JCache");
    m.put("pathauth.state.jcache.uri", "file:/etc/hazelcast.xml");
    StateSettings state = PathAuthConfig.from(config(m)).state();
    assertEquals(StateSettings.Store.JCACHE, state.store());
    assertEquals(java.util.Optional.of("file:/etc/hazelcast.xml"), state.jcacheUri());
    assertEquals("pathauth.", state.jcachePrefix());
    m.put("pathauth.state.store", "redis");
    assertEquals("pathauth.state.store", invalid(m).key());
  }

  @Test
  void whenADecryptionKeyIsConfigured_thenBothOaepAlgorithmsAreAcceptedByDefault() {
    Map<String, String> m = demo();
    m.put("mp.jwt.decrypt.key.location", "/privateKey.pem");
    Decryption d = PathAuthConfig.from(config(m)).jwt().decryption().orElseThrow();
    assertEquals("/privateKey.pem", d.keyLocation());
    assertEquals(java.util.Set.of("RSA-OAEP", "RSA-OAEP-256"), d.algorithms());
    m.put("mp.jwt.decrypt.key.algorithm", "rsa-oaep-256");
    assertEquals(
        java.util.Set.of("RSA-OAEP-256"),
        PathAuthConfig.from(config(m)).jwt().decryption().orElseThrow().algorithms());
  }

  @Test
  void whenTheDecryptionSettingsAreWrong_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("mp.jwt.decrypt.key.algorithm", "RSA-OAEP");
    assertEquals("mp.jwt.decrypt.key.algorithm", invalid(m).key()); // no key location
    m.put("mp.jwt.decrypt.key.location", "/privateKey.pem");
    m.put("mp.jwt.decrypt.key.algorithm", "RSA1_5");
    assertEquals("mp.jwt.decrypt.key.algorithm", invalid(m).key());
    m.remove("mp.jwt.decrypt.key.algorithm");
    m.put("mp.jwt.decrypt.key.location", "https://idp.example/private.pem");
    assertEquals("mp.jwt.decrypt.key.location", invalid(m).key());
  }

  @Test
  void whenOnlyADecryptionKeyIsConfigured_thenJwtPathsHaveAKey() {
    Map<String, String> m = demo();
    m.remove("mp.jwt.verify.publickey");
    assertEquals("mp.jwt.verify.publickey", invalid(m).key());
    m.put("mp.jwt.decrypt.key.location", "/privateKey.pem");
    assertTrue(PathAuthConfig.from(config(m)).jwt().hasKey());
  }

  @Test
  void whenRuleAttributeIsMisspelled_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.api.mechansim", "jwt");
    assertEquals("pathauth.path.api.mechansim", invalid(m).key());
  }

  @Test
  void whenRuleHasNoPathsOrNoMechanism_thenTheMissingKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.x.mechanism", "jwt");
    assertEquals("pathauth.path.x.paths", invalid(m).key());
    m.remove("pathauth.path.x.mechanism");
    m.put("pathauth.path.x.paths", "/x/*");
    assertEquals("pathauth.path.x.mechanism", invalid(m).key());
  }

  @Test
  void whenPathPatternIsMalformed_thenThePathsKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.api.paths", "api/*");
    assertEquals("pathauth.path.api.paths", invalid(m).key());
  }

  @Test
  void whenMethodIsMalformed_thenTheMethodsKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("pathauth.path.api.methods", "GET,PO ST");
    assertEquals("pathauth.path.api.methods", invalid(m).key());
  }

  @Test
  void whenRedirectTargetLeavesTheApplication_thenRefused() {
    for (String bad :
        List.of(
            "https://evil.example/", "//evil.example/x", "login", "/\\evil", "/a\r\nb", "/a\"b")) {
      Map<String, String> m = demo();
      m.put("pathauth.session.login-page", bad);
      assertEquals("pathauth.session.login-page", invalid(m).key(), bad);
    }
  }

  @Test
  void whenAlgorithmIsNotAllowed_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("mp.jwt.verify.publickey.algorithm", "none");
    assertEquals("mp.jwt.verify.publickey.algorithm", invalid(m).key());
    m.put("mp.jwt.verify.publickey.algorithm", "HS256");
    assertEquals("mp.jwt.verify.publickey.algorithm", invalid(m).key());
  }

  @Test
  void whenStandardMpJwtKeysAreSet_thenTheyAreRead() {
    Map<String, String> m = demo();
    m.put("mp.jwt.verify.publickey.algorithm", "es256");
    m.put("mp.jwt.verify.issuer", "https://issuer");
    m.put("mp.jwt.verify.audiences", "a, b");
    m.put("mp.jwt.verify.clock.skew", "5");
    m.put("mp.jwt.verify.token.age", "600");
    m.put("mp.jwt.token.header", "Cookie");
    m.put("mp.jwt.token.cookie", "jwt");
    JwtSettings j = PathAuthConfig.from(config(m)).jwt();
    assertEquals(Set.of("ES256"), j.algorithms());
    assertEquals("https://issuer", j.issuer().orElseThrow());
    assertEquals(List.of("a", "b"), j.audiences());
    assertEquals(5, j.clockSkewSeconds());
    assertEquals(600, j.tokenAgeSeconds().getAsLong());
    assertTrue(j.tokenInCookie());
    assertEquals("jwt", j.tokenCookie());
  }

  @Test
  void whenNumberIsNegativeOrNotANumber_thenTheKeyIsNamed() {
    Map<String, String> m = demo();
    m.put("mp.jwt.verify.clock.skew", "-1");
    assertEquals("mp.jwt.verify.clock.skew", invalid(m).key());
    m.put("mp.jwt.verify.clock.skew", "ten");
    assertEquals("mp.jwt.verify.clock.skew", invalid(m).key());
  }

  @Test
  void whenTokenHeaderIsNeitherAuthorizationNorCookie_thenRefused() {
    Map<String, String> m = demo();
    m.put("mp.jwt.token.header", "X-Token");
    assertEquals("mp.jwt.token.header", invalid(m).key());
  }

  @Test
  void whenARuleNamesRolesAllowed_thenItsPolicyRequiresOneOfThem() {
    Map<String, String> props = demo();
    props.put("pathauth.path.api.roles-allowed", "admin, auditor,admin");
    PathAuthConfig c = PathAuthConfig.from(config(props));
    AccessPolicy access = c.matcher().match("/api/x", "GET").access();
    assertEquals(AccessPolicy.Kind.ROLES, access.kind());
    assertEquals(Set.of("admin", "auditor"), access.roles());
    assertEquals(AccessPolicy.PERMIT, c.matcher().match("/app/x", "GET").access(), "no policy");
    assertEquals(AccessPolicy.PERMIT, c.matcher().match("/other", "GET").access(), "default");
  }

  @Test
  void whenAPolicyIsSet_thenItIsParsedInAnyLetterCase() {
    Map<String, String> props = demo();
    props.put("pathauth.path.app.policy", "Authenticated");
    props.put("pathauth.path.closed.paths", "/closed/*");
    props.put("pathauth.path.closed.mechanism", "none");
    props.put("pathauth.path.closed.policy", "deny");
    PathAuthConfig c = PathAuthConfig.from(config(props));
    assertEquals(AccessPolicy.AUTHENTICATED, c.matcher().match("/app/x", "GET").access());
    assertEquals(AccessPolicy.DENY, c.matcher().match("/closed/x", "GET").access());
  }

  @Test
  void whenRolesAllowedIsEmpty_thenTheKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.api.roles-allowed", " , ");
    assertEquals("pathauth.path.api.roles-allowed", invalid(props).key());
    props.put("pathauth.path.api.roles-allowed", "");
    assertEquals("pathauth.path.api.roles-allowed", invalid(props).key(), "empty value");
  }

  @Test
  void whenANoneRuleRequiresACaller_thenTheKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.open.paths", "/open/*");
    props.put("pathauth.path.open.mechanism", "none");
    props.put("pathauth.path.open.roles-allowed", "admin");
    PathAuthConfigException e = invalid(props);
    assertEquals("pathauth.path.open.roles-allowed", e.key());
    assertTrue(e.getMessage().contains("mechanism none"), e.getMessage());
    props.remove("pathauth.path.open.roles-allowed");
    props.put("pathauth.path.open.policy", "authenticated");
    assertEquals("pathauth.path.open.policy", invalid(props).key());
  }

  @Test
  void whenRolesAllowedIsCombinedWithDenyOrPermit_thenTheKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.api.roles-allowed", "admin");
    props.put("pathauth.path.api.policy", "permit");
    assertEquals("pathauth.path.api.roles-allowed", invalid(props).key());
    props.put("pathauth.path.api.policy", "authenticated");
    assertEquals(
        AccessPolicy.Kind.ROLES,
        PathAuthConfig.from(config(props)).matcher().match("/api/x", "GET").access().kind(),
        "authenticated is implied by roles-allowed");
  }

  @Test
  void whenThePolicyOrARoleIsMalformed_thenTheKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.api.policy", "admins-only");
    PathAuthConfigException e = invalid(props);
    assertEquals("pathauth.path.api.policy", e.key());
    assertTrue(e.getMessage().contains("roles-allowed"), e.getMessage());
    props.remove("pathauth.path.api.policy");
    props.put("pathauth.path.api.roles-allowed", "**");
    e = invalid(props);
    assertEquals("pathauth.path.api.roles-allowed", e.key());
    assertTrue(e.getMessage().contains("policy=authenticated"), e.getMessage());
  }

  @Test
  void whenRolesAllowedComesFromAnEnvironmentVariable_thenTheRuleCarriesIt() {
    Config env =
        new SmallRyeConfigBuilder()
            .withSources(new PropertiesConfigSource(demo(), "test", 100))
            .withSources(new EnvConfigSource(Map.of("PATHAUTH_PATH_API_ROLES_ALLOWED", "ops"), 300))
            .build();
    assertEquals(
        Set.of("ops"), PathAuthConfig.from(env).matcher().match("/api/x", "GET").access().roles());
  }

  private static final String BASIC =
      "jakarta.security.enterprise.authentication.mechanism.http"
          + ".BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism";

  @Test
  void whenARuleNamesTheApplicationsMechanism_thenItCarriesTheQualifier() {
    Map<String, String> props = demo();
    props.put("pathauth.path.basic.paths", "/basic/*");
    props.put("pathauth.path.basic.mechanism", "Application");
    props.put("pathauth.path.basic.qualifier", BASIC);
    props.put("pathauth.path.basic.policy", "authenticated");
    PathMatcher.Match m = PathAuthConfig.from(config(props)).matcher().match("/basic/x", "GET");
    assertEquals(Mechanism.APPLICATION, m.mechanism());
    assertEquals(BASIC, m.rule().qualifier());
    assertTrue(m.access().requiresCaller());
    assertEquals(
        null,
        PathAuthConfig.from(config(props)).matcher().match("/api/x", "GET").rule().qualifier());
  }

  @Test
  void whenTheApplicationsMechanismHasNoOrABadQualifier_thenTheQualifierKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.basic.paths", "/basic/*");
    props.put("pathauth.path.basic.mechanism", "application");
    assertEquals("pathauth.path.basic.qualifier", invalid(props).key());
    props.put("pathauth.path.basic.qualifier", "not a class name");
    assertEquals("pathauth.path.basic.qualifier", invalid(props).key());
  }

  @Test
  void whenAQualifierIsGivenToAnotherMechanism_thenTheQualifierKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.path.api.qualifier", BASIC);
    PathAuthConfigException e = invalid(props);
    assertEquals("pathauth.path.api.qualifier", e.key());
    assertTrue(e.getMessage().contains("only goes with mechanism application"), e.getMessage());
  }

  @Test
  void whenTheDefaultMechanismIsTheApplications_thenTheKeyIsNamed() {
    Map<String, String> props = demo();
    props.put("pathauth.default-mechanism", "application");
    assertEquals("pathauth.default-mechanism", invalid(props).key());
  }
}
