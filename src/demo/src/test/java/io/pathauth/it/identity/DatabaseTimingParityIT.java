package io.pathauth.it.identity;

import io.pathauth.dev.DevTokens;
import io.pathauth.dev.TestSecrets;
import io.pathauth.it.security.TimingParity;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Timing parity with {@code @DatabaseIdentityStoreDefinition} and {@code Pbkdf2PasswordHash}
 * ({@link TimingParity}): the built-in store answers an unknown user as soon as its query finds no
 * row, while a wrong password costs a PBKDF2 verification. The hashes have 20,000 iterations (a
 * short run; the leak would be one such hash, tens of milliseconds).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DatabaseTimingParityIT {

  static final String STORE = "database";
  static final String PASSWORD = TestSecrets.randomPassword();

  @Deployment(testable = false)
  static WebArchive deployment() throws GeneralSecurityException, IOException {
    StringBuilder script =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS users(name VARCHAR(64) PRIMARY KEY, password VARCHAR(512));\n"
                + "CREATE TABLE IF NOT EXISTS user_groups(name VARCHAR(64), grp VARCHAR(64),"
                + " PRIMARY KEY(name, grp));\n");
    for (String user : new String[] {"alice", "bob"}) {
      script
          .append("MERGE INTO users KEY(name) VALUES ('")
          .append(user)
          .append("', '")
          .append(DevTokens.pbkdf2(PASSWORD.toCharArray(), 20_000))
          .append("');\n");
    }
    script.append(
        "MERGE INTO user_groups KEY(name, grp) VALUES ('alice', 'user'), ('bob', 'user');\n");
    Path shared = Files.createDirectories(Path.of(System.getProperty("pathauth.it.shared")));
    Files.writeString(shared.resolve(DatabaseUsers.SCRIPT), script);
    WebArchive war =
        IdentityStoreScenario.replacingTheDemoStore(
            Scenarios.demoWith(TimingParity.CONFIG), DatabaseUsers.class);
    war.addAsResource(new StringAsset(script.toString()), DatabaseUsers.SCRIPT);
    if (ItServer.current() == ItServer.PAYARA) {
      war.addAsLibrary(new File(System.getProperty("pathauth.h2.jar")));
    }
    return war;
  }

  @ArquillianResource URL base;

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheForm_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(base, STORE, true, "alice", PASSWORD);
  }

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheGrant_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(base, STORE, false, "alice", PASSWORD);
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
