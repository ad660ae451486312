package io.pathauth.it.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.LdapIdentityStoreDefinition;

/**
 * Goes into the LDAP scenario's WAR in place of the demo's own store: Jakarta Security's built-in
 * LDAP identity store, pointed at the directory {@link LdapIdentityStoreIT} runs on loopback.
 */
@LdapIdentityStoreDefinition(
    url = "ldap://127.0.0.1:" + Directory.PORT,
    callerBaseDn = "ou=people," + Directory.BASE,
    callerNameAttribute = "uid",
    groupSearchBase = "ou=groups," + Directory.BASE,
    groupMemberAttribute = "member",
    groupNameAttribute = "cn",
    readTimeout = 3000)
@ApplicationScoped
public class LdapUsers {}
