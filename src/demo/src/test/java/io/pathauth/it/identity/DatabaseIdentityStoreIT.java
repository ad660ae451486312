package io.pathauth.it.identity;

import io.pathauth.dev.DevTokens;
import io.pathauth.dev.TestSecrets;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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
    StringBuilder script =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS users(name VARCHAR(64) PRIMARY KEY, password VARCHAR(512));\n"
                + "CREATE TABLE IF NOT EXISTS user_groups(name VARCHAR(64), grp VARCHAR(64),"
                + " PRIMARY KEY(name, grp));\n");
    for (String user : new String[] {"alice", "bob"}) {
      String password = TestSecrets.randomPassword();
      PASSWORDS.put(user, password);
      script
          .append("MERGE INTO users KEY(name) VALUES ('")
          .append(user)
          .append("', '")
          .append(DevTokens.pbkdf2(password.toCharArray()))
          .append("');\n");
    }
    script.append(
        "MERGE INTO user_groups KEY(name, grp) VALUES ('alice', 'user'), ('bob', 'user'),"
            + " ('bob', 'admin');\n");
    // Where H2 looks for its start script (classpath:): on Payara, H2 is inside the WAR and reads
    // the WAR's classes; on Liberty, H2 is in the server's global library (src/test/liberty), whose
    // folder the script is also written to.
    Path shared = Files.createDirectories(Path.of(System.getProperty("pathauth.it.shared")));
    Files.writeString(shared.resolve(DatabaseUsers.SCRIPT), script);
    WebArchive war =
        IdentityStoreScenario.replacingTheDemoStore(Scenarios.demo(), DatabaseUsers.class);
    war.addAsResource(new StringAsset(script.toString()), DatabaseUsers.SCRIPT);
    if (ItServer.current() == ItServer.PAYARA) {
      war.addAsLibrary(new File(System.getProperty("pathauth.h2.jar")));
    }
    return war;
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
