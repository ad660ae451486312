package io.pathauth.it.identity;

import io.pathauth.it.security.TimingParity;
import io.pathauth.it.support.Scenarios;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timing parity with {@code @LdapIdentityStoreDefinition} against a real directory on loopback
 * ({@link TimingParity}): the store searches for the user, then binds as it; an unknown name skips
 * the bind.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LdapTimingParityIT {

  static final String STORE = "LDAP";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return IdentityStoreScenario.replacingTheDemoStore(
        Scenarios.demoWith(TimingParity.CONFIG), LdapUsers.class);
  }

  @ArquillianResource URL base;

  static Directory directory;

  @BeforeAll
  static void startDirectory() throws Exception {
    directory = new Directory();
  }

  @AfterAll
  static void stopDirectory() {
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheForm_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(
        base, STORE, true, "alice", directory.password("alice"));
  }

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheGrant_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(
        base, STORE, false, "alice", directory.password("alice"));
  }

  @Test
  void whenAKnownAccountOrAnUnknownNameIsThrottledOnTheForm_thenBothCostTheSame() {
    TimingParity.throttledKnownVsUnknown(base, STORE, true, "bob", "mallory");
  }

  @Test
  void whenAKnownAccountOrAnUnknownNameIsThrottledOnTheGrant_thenBothCostTheSame() {
    TimingParity.throttledKnownVsUnknown(base, STORE, false, "bob", "mallory");
  }
}
