package io.pathauth.identity;

import jakarta.security.auth.message.callback.PasswordValidationCallback;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.UnsupportedCallbackException;

/**
 * The server's own user registry (Open Liberty {@code <basicRegistry>}, {@code <ldapRegistry>};
 * Payara's realms), for applications that define no {@code IdentityStore}: the way their FORM login
 * worked before pathauth.
 *
 * <p>The check is Jakarta Authentication's {@link PasswordValidationCallback}, handed to the
 * container's callback handler of the current request ({@code HttpMessageContext.getHandler()}; the
 * mechanism offers it to the request with {@link #offer}). Both servers validate it against the
 * registry of the application's realm. The caller's groups are read from the Subject the container
 * fills: Payara adds its {@code Group} principals; on Liberty the container derives the groups from
 * the registry itself when pathauth hands it the caller ({@code ContainerLogin}).
 */
public final class ServerRegistryPasswords implements PasswordCheck {

  /** The request attribute that carries the container's callback handler. */
  static final String HANDLER = "io.pathauth.identity.container-handler";

  /** Open Liberty: the login hashtable's list of the caller's unique group IDs. */
  static final String LIBERTY_GROUPS = "com.ibm.wsspi.security.cred.groups";

  private static final Logger LOG = Logger.getLogger(ServerRegistryPasswords.class.getName());

  /** Makes the container's handler of this request available to the check. */
  public static void offer(HttpServletRequest request, CallbackHandler handler) {
    request.setAttribute(HANDLER, handler);
  }

  @Override
  public CredentialValidationResult validate(
      String user, String password, HttpServletRequest request) {
    if (!(request.getAttribute(HANDLER) instanceof CallbackHandler handler)) {
      throw new IllegalStateException(
          "pathauth: the container's callback handler was not offered to this request");
    }
    Subject subject = new Subject();
    char[] secret = password.toCharArray();
    PasswordValidationCallback check = new PasswordValidationCallback(subject, user, secret);
    try {
      handler.handle(new Callback[] {check});
    } catch (UnsupportedCallbackException e) {
      throw new IllegalStateException(
          "pathauth: this server cannot check passwords against its registry"
              + " (PasswordValidationCallback unsupported); define an IdentityStore",
          e);
    } catch (IOException | RuntimeException e) {
      throw new IdentityUnavailableException("server registry failed: " + e, e);
    } finally {
      check.clearPassword();
      Arrays.fill(secret, '\0');
    }
    if (!check.getResult()) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    Set<String> groups = groupsOf(subject);
    if (LOG.isLoggable(Level.FINE)) {
      LOG.fine(
          "registry login: principals "
              + subject.getPrincipals().stream().map(p -> p.getClass().getName()).toList()
              + ", public credentials "
              + subject.getPublicCredentials().stream().map(c -> c.getClass().getName()).toList()
              + ", private credentials "
              + subject.getPrivateCredentials().stream().map(c -> c.getClass().getName()).toList()
              + ", groups "
              + groups);
    }
    return new CredentialValidationResult(new CallerPrincipal(user), groups);
  }

  /**
   * The group names the container put into the Subject: principals of a class named {@code Group}
   * (Payara's {@code org.glassfish.security.common.Group}), and the unique group IDs of Liberty's
   * login hashtable.
   */
  static Set<String> groupsOf(Subject subject) {
    Set<String> groups = new LinkedHashSet<>();
    for (Principal p : subject.getPrincipals()) {
      if (p.getClass().getSimpleName().equals("Group")) {
        groups.add(p.getName());
      }
    }
    for (Object credential : subject.getPrivateCredentials()) {
      if (credential instanceof Map<?, ?> login
          && login.get(LIBERTY_GROUPS) instanceof Collection<?> ids) {
        for (Object id : ids) {
          groups.add(groupName(String.valueOf(id)));
        }
      }
    }
    return groups;
  }

  /**
   * {@code group:Realm/managers} → {@code managers}; an LDAP group's DN ({@code
   * group:Realm/cn=managers,ou=groups,...}) → the value of its first RDN.
   */
  static String groupName(String accessId) {
    String id = accessId.startsWith("group:") ? accessId.substring("group:".length()) : accessId;
    int slash = id.indexOf('/');
    String unique = slash >= 0 ? id.substring(slash + 1) : id;
    int eq = unique.indexOf('=');
    if (eq > 0) {
      int comma = unique.indexOf(',');
      return unique.substring(eq + 1, comma > eq ? comma : unique.length());
    }
    return unique;
  }
}
