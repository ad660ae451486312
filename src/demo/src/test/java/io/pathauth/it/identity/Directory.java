package io.pathauth.it.identity;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;
import io.pathauth.dev.TestSecrets;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real LDAP directory for the tests: the UnboundID LDAP SDK's in-memory server on 127.0.0.1, with
 * the demo's two users (fresh random passwords) and their groups as {@code groupOfNames}.
 */
final class Directory implements AutoCloseable {

  static final int PORT = 19389;
  static final String BASE = "dc=pathauth,dc=example";

  private final InMemoryDirectoryServer server;
  private final Map<String, String> passwords = new LinkedHashMap<>();

  Directory() throws LDAPException, LDIFException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
    // no schema checking, so that users may carry memberOf (stores read groups either way)
    config.setSchema(null);
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig(
            "loopback", InetAddress.getLoopbackAddress(), PORT, null));
    server = new InMemoryDirectoryServer(config);
    server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: pathauth");
    server.add("dn: ou=people," + BASE, "objectClass: organizationalUnit", "ou: people");
    server.add("dn: ou=groups," + BASE, "objectClass: organizationalUnit", "ou: groups");
    for (String user : List.of("alice", "bob")) {
      String password = TestSecrets.randomPassword();
      passwords.put(user, password);
      server.add(
          "dn: uid=" + user + ",ou=people," + BASE,
          "objectClass: inetOrgPerson",
          "uid: " + user,
          "cn: " + user,
          "sn: " + user,
          "userPassword: " + password,
          "memberOf: cn=user,ou=groups," + BASE);
      if (user.equals("bob")) {
        server.modify(
            "dn: uid=bob,ou=people," + BASE,
            "changetype: modify",
            "add: memberOf",
            "memberOf: cn=admin,ou=groups," + BASE);
      }
    }
    server.add(
        "dn: cn=user,ou=groups," + BASE,
        "objectClass: groupOfNames",
        "cn: user",
        "member: uid=alice,ou=people," + BASE,
        "member: uid=bob,ou=people," + BASE);
    server.add(
        "dn: cn=admin,ou=groups," + BASE,
        "objectClass: groupOfNames",
        "cn: admin",
        "member: uid=bob,ou=people," + BASE);
    server.startListening();
  }

  String password(String user) {
    return passwords.get(user);
  }

  /** The directory goes away: connections are refused from now on. */
  void stop() {
    server.shutDown(true);
  }

  @Override
  public void close() {
    stop();
  }
}
