package io.pathauth.it.identity;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/**
 * Goes into the database scenario's WAR in place of the demo's own store: Jakarta Security's
 * built-in database identity store with {@link Pbkdf2PasswordHash}, on a server data source over an
 * embedded H2 database that {@link DatabaseIdentityStoreIT} fills at start (a script in the WAR,
 * with hashes made at test time).
 */
@DataSourceDefinition(
    name = DatabaseUsers.DATA_SOURCE,
    className = "org.h2.jdbcx.JdbcDataSource",
    url =
        "jdbc:h2:mem:pathauth-users;DB_CLOSE_DELAY=-1;"
            + "INIT=RUNSCRIPT FROM 'classpath:"
            + DatabaseUsers.SCRIPT
            + "'")
@DatabaseIdentityStoreDefinition(
    dataSourceLookup = DatabaseUsers.DATA_SOURCE,
    callerQuery = "select password from users where name = ?",
    groupsQuery = "select grp from user_groups where name = ?",
    hashAlgorithm = Pbkdf2PasswordHash.class)
@ApplicationScoped
public class DatabaseUsers {

  static final String DATA_SOURCE = "java:app/jdbc/pathauthUsers";
  static final String SCRIPT = "pathauth-users.sql";
}
