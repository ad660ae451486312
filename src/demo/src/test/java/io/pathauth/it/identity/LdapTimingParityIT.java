package io.pathauth.it.identity;

import io.pathauth.it.security.TimingParityCases;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.TimingParity;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Timing parity with {@code @LdapIdentityStoreDefinition} against a real directory on loopback
 * ({@link TimingParity}): the store searches for the user, then binds as it; an unknown name skips
 * the bind.
 */
class LdapTimingParityIT extends TimingParityCases {

  static final String STORE = "LDAP";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return IdentityStoreScenario.replacingTheDemoStore(
        Scenarios.demoWith(TimingParity.CONFIG), LdapUsers.class);
  }

  @Override
  protected String store() {
    return STORE;
  }

  @Override
  protected String alicePassword() {
    return directory.password("alice");
  }

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
}
