package io.pathauth.it.identity;

import io.pathauth.it.support.ItServer;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The demo with {@link DatabaseUsers} ({@code @DatabaseIdentityStoreDefinition} on H2) instead of
 * its own store, the users' tables filled by H2's start script. Kept apart from {@code
 * DatabaseUsers}, which goes into the WAR and must not name test-only classes.
 */
final class DatabaseScenario {

  private DatabaseScenario() {}

  /**
   * @param demo the demo WAR to change
   * @param hashes user name to password hash
   * @param groups the {@code user_groups} rows, SQL: {@code ('alice', 'user'), ...}
   */
  static WebArchive deployment(WebArchive demo, Map<String, String> hashes, String groups)
      throws IOException {
    StringBuilder script =
        new StringBuilder(
            "CREATE TABLE IF NOT EXISTS users(name VARCHAR(64) PRIMARY KEY, password VARCHAR(512));\n"
                + "CREATE TABLE IF NOT EXISTS user_groups(name VARCHAR(64), grp VARCHAR(64),"
                + " PRIMARY KEY(name, grp));\n");
    hashes.forEach(
        (user, hash) ->
            script
                .append("MERGE INTO users KEY(name) VALUES ('")
                .append(user)
                .append("', '")
                .append(hash)
                .append("');\n"));
    script.append("MERGE INTO user_groups KEY(name, grp) VALUES ").append(groups).append(";\n");
    // Where H2 looks for its start script (classpath:): on Payara and WildFly, H2 is inside the WAR
    // and reads the WAR's classes; on Liberty, H2 is in the server's global library
    // (src/test/liberty), whose folder the script is also written to.
    Path shared = Files.createDirectories(Path.of(System.getProperty("pathauth.it.shared")));
    Files.writeString(shared.resolve(DatabaseUsers.SCRIPT), script);
    WebArchive war = IdentityStoreScenario.replacingTheDemoStore(demo, DatabaseUsers.class);
    war.addAsResource(new StringAsset(script.toString()), DatabaseUsers.SCRIPT);
    if (ItServer.current() != ItServer.LIBERTY) {
      war.addAsLibrary(new File(System.getProperty("pathauth.h2.jar")));
    }
    return war;
  }
}
