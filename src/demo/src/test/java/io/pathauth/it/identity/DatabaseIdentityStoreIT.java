package io.pathauth.it.identity;

import io.pathauth.dev.DevTokens;
import io.pathauth.dev.TestSecrets;
import io.pathauth.it.support.Scenarios;
import java.io.IOException;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo with {@code @DatabaseIdentityStoreDefinition} and {@code Pbkdf2PasswordHash} instead of
 * its own store, over a server data source ({@code @DataSourceDefinition}) on an embedded H2
 * database: form login and the password grant by the table's hashes, roles from its groups table,
 * the same clear refusals.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseIdentityStoreIT {

  /** Fresh passwords for this run; only their PBKDF2 hashes go into the database. */
  static final Map<String, String> PASSWORDS = new TreeMap<>();

  @Deployment(testable = false)
  static WebArchive deployment() throws GeneralSecurityException, IOException {
    Map<String, String> hashes = new TreeMap<>();
    for (String user : new String[] {"alice", "bob"}) {
      String password = TestSecrets.randomPassword();
      PASSWORDS.put(user, password);
      hashes.put(user, DevTokens.pbkdf2(password.toCharArray()));
    }
    return DatabaseScenario.deployment(
        Scenarios.demo(), hashes, "('alice', 'user'), ('bob', 'user'), ('bob', 'admin')");
  }

  @ArquillianResource URL base;

  @Test
  void whenTheTableHoldsTheUser_thenFormLoginAndPasswordGrantWithItsGroupsAsRoles() {
    IdentityStoreScenario app = new IdentityStoreScenario(base);
    app.assertFormLoginWithRoles("bob", PASSWORDS.get("bob"), true);
    app.assertFormLoginWithRoles("alice", PASSWORDS.get("alice"), false);
    app.assertPasswordGrantWithGroups("alice", PASSWORDS.get("alice"), "user");
  }

  @Test
  void whenThePasswordIsWrongOrTheUserUnknown_thenTheErrorPageAndInvalidGrant() {
    IdentityStoreScenario app = new IdentityStoreScenario(base);
    app.assertRefused("bob", "not-" + PASSWORDS.get("bob"));
    app.assertRefused("mallory", "some-password-1");
  }
}
