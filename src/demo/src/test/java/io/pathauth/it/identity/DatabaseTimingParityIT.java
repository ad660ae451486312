package io.pathauth.it.identity;

import io.pathauth.dev.DevTokens;
import io.pathauth.dev.TestSecrets;
import io.pathauth.it.security.TimingParityCases;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.TimingParity;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Timing parity with {@code @DatabaseIdentityStoreDefinition} and {@code Pbkdf2PasswordHash}
 * ({@link TimingParity}): the built-in store answers an unknown user as soon as its query finds no
 * row, while a wrong password costs a PBKDF2 verification. The hashes have 20,000 iterations (a
 * short run; the leak would be one such hash, tens of milliseconds).
 */
class DatabaseTimingParityIT extends TimingParityCases {

  static final String STORE = "database";
  static final String PASSWORD = TestSecrets.randomPassword();

  @Deployment(testable = false)
  static WebArchive deployment() throws GeneralSecurityException, IOException {
    String hash = DevTokens.pbkdf2(PASSWORD.toCharArray(), 20_000);
    return DatabaseScenario.deployment(
        Scenarios.demoWith(TimingParity.CONFIG),
        Map.of("alice", hash, "bob", hash),
        "('alice', 'user'), ('bob', 'user')");
  }

  @Override
  protected String store() {
    return STORE;
  }

  @Override
  protected String alicePassword() {
    return PASSWORD;
  }
}
