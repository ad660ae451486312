package io.pathauth.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.support.FakeRequests;
import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.security.auth.Subject;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;
import org.junit.jupiter.api.Test;

class ServerRegistryPasswordsTest {

  /** Named like Payara's {@code org.glassfish.security.common.Group}. */
  record Group(String getName) implements Principal {}

  private final ServerRegistryPasswords check = new ServerRegistryPasswords();

  @Test
  void whenTheRegistryAcceptsOnPayara_thenValidWithTheGroupPrincipalsOfTheSubject() {
    HttpServletRequest request =
        offered(
            (cb, subject) -> {
              subject.getPrincipals().add(new Group("staff"));
              subject.getPrincipals().add(() -> "alice");
              return true;
            });
    CredentialValidationResult r = check.validate("alice", "pw", request);
    assertEquals(CredentialValidationResult.Status.VALID, r.getStatus());
    assertEquals("alice", r.getCallerPrincipal().getName());
    assertEquals(Set.of("staff"), r.getCallerGroups());
  }

  @Test
  void whenTheRegistryAcceptsOnLiberty_thenGroupsFromItsLoginHashtableBasicAndLdap() {
    HttpServletRequest request =
        offered(
            (cb, subject) -> {
              Hashtable<String, Object> login = new Hashtable<>();
              login.put("com.ibm.wsspi.security.cred.userId", "bob");
              login.put(
                  ServerRegistryPasswords.LIBERTY_GROUPS,
                  List.of("managers", "cn=staff,ou=groups,o=example"));
              subject.getPrivateCredentials().add(login);
              return true;
            });
    assertEquals(
        Set.of("managers", "staff"), check.validate("bob", "pw", request).getCallerGroups());
  }

  @Test
  void whenTheRegistryRefuses_thenInvalidAndThePasswordWasHandedOverAndCleared() {
    AtomicReference<char[]> seen = new AtomicReference<>();
    HttpServletRequest request =
        offered(
            (cb, subject) -> {
              seen.set(cb.getPassword().clone());
              return false;
            });
    assertEquals(
        CredentialValidationResult.Status.INVALID,
        check.validate("alice", "secret", request).getStatus());
    assertArrayEquals("secret".toCharArray(), seen.get());
  }

  @Test
  void whenTheRegistryCannotAnswer_thenUnavailableNotInvalid() {
    HttpServletRequest request = FakeRequests.withAttributes();
    ServerRegistryPasswords.offer(
        request,
        callbacks -> {
          throw new IOException("directory down");
        });
    assertThrows(IdentityUnavailableException.class, () -> check.validate("a", "b", request));
  }

  @Test
  void whenTheServerCannotCheckPasswords_thenAConfigurationErrorNamingTheWayOut() {
    HttpServletRequest request = FakeRequests.withAttributes();
    ServerRegistryPasswords.offer(
        request,
        callbacks -> {
          throw new UnsupportedCallbackException(callbacks[0]);
        });
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> check.validate("a", "b", request));
    assertEquals(true, e.getMessage().contains("IdentityStore"), e.getMessage());
  }

  @Test
  void whenNoHandlerWasOffered_thenIllegalState() {
    assertThrows(
        IllegalStateException.class, () -> check.validate("a", "b", FakeRequests.withAttributes()));
  }

  @Test
  void groupNamesFromAccessIdsAndDistinguishedNames() {
    assertEquals("managers", ServerRegistryPasswords.groupName("group:BasicRealm/managers"));
    assertEquals("staff", ServerRegistryPasswords.groupName("cn=staff,ou=groups,o=example"));
    assertEquals("staff", ServerRegistryPasswords.groupName("group:ldap:389/cn=staff,o=x"));
    assertEquals("plain", ServerRegistryPasswords.groupName("plain"));
  }

  interface Registry {
    boolean check(PasswordValidationCallback cb, Subject subject) throws IOException;
  }

  private static HttpServletRequest offered(Registry registry) {
    HttpServletRequest request = FakeRequests.withAttributes();
    CallbackHandler handler =
        callbacks -> {
          PasswordValidationCallback cb = (PasswordValidationCallback) callbacks[0];
          cb.setResult(registry.check(cb, cb.getSubject()));
        };
    ServerRegistryPasswords.offer(request, handler);
    return request;
  }
}
