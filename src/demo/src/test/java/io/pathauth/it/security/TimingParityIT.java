package io.pathauth.it.security;

import io.pathauth.dev.DevTokens;
import io.pathauth.dev.TestSecrets;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.TimingParity;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Timing parity with the demo's own identity store ({@code DemoIdentityStore}): a known user with a
 * wrong password and an unknown user cost the same, by form login and by password grant, and so do
 * a throttled known account and a throttled unknown name ({@link TimingParity}). The users' hashes
 * have 20,000 PBKDF2 iterations instead of the shipped 210,000 (350 ms a check on a 2-core CI
 * machine) so that the run stays short; a leak would still be one hash, tens of milliseconds.
 */
class TimingParityIT extends TimingParityCases {

  static final String STORE = "demo store";
  static final String PASSWORD = TestSecrets.randomPassword();

  @Deployment(testable = false)
  static WebArchive deployment() throws GeneralSecurityException {
    Map<String, String> config = new HashMap<>(TimingParity.CONFIG);
    config.put("demo.user.alice.password", DevTokens.pbkdf2(PASSWORD.toCharArray(), 20_000));
    config.put("demo.user.bob.password", DevTokens.pbkdf2(PASSWORD.toCharArray(), 20_000));
    return Scenarios.demoWith(config);
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
