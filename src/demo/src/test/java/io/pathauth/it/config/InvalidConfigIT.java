package io.pathauth.it.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pathauth.it.ee11.BasicMechanism;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import io.pathauth.it.support.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An invalid configuration stops the application at deploy time, with one message naming the bad
 * key; it never falls back to "no authentication".
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class InvalidConfigIT {

  private static final String UNKNOWN_MECHANISM = "unknown-mechanism";
  private static final String AMBIGUOUS = "ambiguous";
  private static final String NO_KEY = "no-key";
  private static final String POLICY_ON_NONE = "policy-on-none";
  private static final String APPLICATION_ON_EE10 = "application-on-ee10";
  private static final String APPLICATION_WITHOUT_EE11 = "application-without-ee11";

  @ArquillianResource Deployer deployer;

  @Deployment(name = UNKNOWN_MECHANISM, managed = false, testable = false)
  static WebArchive unknownMechanism() {
    return Scenarios.withConfig(
        Map.of(
            "mp.jwt.verify.publickey",
            TestKeys.trustedPublicKeyPem(),
            "pathauth.path.api.mechanism",
            "basic"));
  }

  @Deployment(name = AMBIGUOUS, managed = false, testable = false)
  static WebArchive ambiguousRules() {
    return Scenarios.withConfig(
        AMBIGUOUS + ".war",
        Map.of(
            "mp.jwt.verify.publickey", TestKeys.trustedPublicKeyPem(),
            "pathauth.path.zz-legacy-api.paths", "/api/*",
            "pathauth.path.zz-legacy-api.mechanism", "session"));
  }

  @Deployment(name = NO_KEY, managed = false, testable = false)
  static WebArchive jwtWithoutKey() {
    return Scenarios.withConfig(NO_KEY + ".war", Map.of("pathauth.token.issuer", ""));
  }

  @Deployment(name = POLICY_ON_NONE, managed = false, testable = false)
  static WebArchive rolePolicyOnANoneRule() {
    return Scenarios.withConfig(
        POLICY_ON_NONE + ".war",
        Map.of(
            "mp.jwt.verify.publickey",
            TestKeys.trustedPublicKeyPem(),
            "pathauth.path.public.roles-allowed",
            "admin"));
  }

  @Deployment(name = APPLICATION_ON_EE10, managed = false, testable = false)
  static WebArchive applicationMechanismOnJakartaEe10() {
    return Scenarios.demoWith(APPLICATION_ON_EE10 + ".war", BasicMechanism.rule());
  }

  @Test
  void whenARuleNamesAnApplicationMechanismOnJakartaEe10_thenDeploymentFailsNamingTheKey()
      throws IOException {
    assumeTrue(ItServer.jakartaEe() < 11, "Jakarta EE 11 takes the rule: ApplicationMechanismIT");
    assertDeploymentFails(
        APPLICATION_ON_EE10, "'pathauth.path.ping-basic.mechanism'", "needs Jakarta Security 4.0");
  }

  /** The same rule on Jakarta EE 11, in a WAR without io.pathauth:pathauth-ee11. */
  @Deployment(name = APPLICATION_WITHOUT_EE11, managed = false, testable = false)
  static WebArchive applicationMechanismWithoutTheEe11Module() {
    WebArchive war = Scenarios.demoWith(APPLICATION_WITHOUT_EE11 + ".war", BasicMechanism.rule());
    List<ArchivePath> ee11 =
        war.getContent().keySet().stream()
            .filter(p -> p.get().startsWith("/WEB-INF/lib/pathauth-ee11-"))
            .toList();
    assertEquals(1, ee11.size(), "the demo WAR carries pathauth-ee11: " + ee11);
    ee11.forEach(war::delete);
    return war;
  }

  @Test
  void whenARuleNamesAnApplicationMechanismWithoutTheEe11Module_thenDeploymentFailsNamingIt()
      throws IOException {
    assumeTrue(ItServer.jakartaEe() >= 11, "Jakarta EE 10 refuses the rule itself (above)");
    assertDeploymentFails(
        APPLICATION_WITHOUT_EE11,
        "'pathauth.path.ping-basic.mechanism'",
        "needs io.pathauth:pathauth-ee11");
  }

  @Test
  void whenMechanismIsUnknown_thenDeploymentFailsNamingTheKey() throws IOException {
    assertDeploymentFails(
        UNKNOWN_MECHANISM, "'pathauth.path.api.mechanism'", "unknown mechanism 'basic'");
  }

  @Test
  void whenTwoRulesClaimTheSamePath_thenDeploymentFailsNamingTheKey() throws IOException {
    assertDeploymentFails(AMBIGUOUS, "'pathauth.path.zz-legacy-api.paths'", "both claim '/api/*'");
  }

  @Test
  void whenAJwtRuleHasNoVerificationKey_thenDeploymentFailsNamingTheKey() throws IOException {
    assertDeploymentFails(NO_KEY, "'mp.jwt.verify.publickey'", "no verification key");
  }

  @Test
  void whenANoneRuleRequiresRoles_thenDeploymentFailsNamingTheKey() throws IOException {
    assertDeploymentFails(
        POLICY_ON_NONE, "'pathauth.path.public.roles-allowed'", "authenticates no caller");
  }

  private void assertDeploymentFails(String name, String key, String problem) throws IOException {
    ServerLog serverLog = new ServerLog();
    try {
      if (ItServer.current() != ItServer.PAYARA) {
        assertThrows(Exception.class, () -> deployer.deploy(name), "deployment must fail");
      } else {
        // Stated difference: Payara Micro starts even when its one application fails to deploy,
        // and its Arquillian adapter reports the deployment as done. The application must still
        // not be there.
        deployer.deploy(name);
        int status =
            Http.get(
                    URI.create(
                        "http://localhost:" + ItServer.httpPort() + "/" + name + "/public/hello"))
                .statusCode();
        assertEquals(404, status, "an application with an invalid configuration must not serve");
      }
    } finally {
      try {
        deployer.undeploy(name);
      } catch (RuntimeException ignored) {
        // nothing was started
      }
    }
    String log = serverLog.text();
    String expected = "pathauth: invalid configuration " + key + ": ";
    assertTrue(log.contains(expected), "server log must name " + key + ":\n" + tail(log));
    assertTrue(log.contains(problem), "server log must say " + problem + ":\n" + tail(log));
  }

  private static String tail(String log) {
    return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
  }
}
