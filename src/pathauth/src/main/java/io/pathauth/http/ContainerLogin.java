package io.pathauth.http;

import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import java.security.Principal;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.Set;
import java.util.UUID;

/**
 * Hands a caller pathauth has authenticated to the container.
 *
 * <p>On Open Liberty every {@code notifyContainerAboutLogin} runs a JAAS login that builds a new
 * Subject, and caching that Subject costs an RSA-signed LTPA token per insertion. pathauth gives
 * Liberty a cache key for the identity it has already decided on ({@code
 * com.ibm.wsspi.security.cred.cacheKey} in the login's hashtable, the documented WebSphere
 * attribute), so a repeated identity reuses its Subject. The key is only a lookup of the Subject
 * for this identity: pathauth still authenticates every request (token, revocation, session) before
 * it gets here. Other servers ignore the attribute.
 *
 * <p>Liberty's authentication cache is one per server, shared by every application. The key is
 * therefore scoped to this deployment: a random value made when this class is loaded (once per
 * application class loader, so again after every redeployment) and the context path. Without it, a
 * second application (or the same one redeployed) would get a Subject whose principal belongs to
 * another class loader and another application's request state.
 */
public final class ContainerLogin {

  /** WebSphere / Open Liberty: custom cache key of a hashtable login. */
  static final String LIBERTY_CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(ContainerLogin.class.getName());

  /** WebSphere / Open Liberty hashtable-login attributes (AttributeNameConstants). */
  static final String LIBERTY_USER_ID = "com.ibm.wsspi.security.cred.userId";

  static final String LIBERTY_UNIQUE_ID = "com.ibm.wsspi.security.cred.uniqueId";
  static final String LIBERTY_SECURITY_NAME = "com.ibm.wsspi.security.cred.securityName";
  static final String LIBERTY_GROUPS = "com.ibm.wsspi.security.cred.groups";
  static final String LIBERTY_REALM = "com.ibm.wsspi.security.cred.realm";

  /**
   * Open Liberty: the hashtable attribute that lets a user-ID-only login be an identity assertion
   * ({@code AuthenticationConstants.INTERNAL_ASSERTION_KEY}, read by its {@code
   * HashtableLoginModule}); the way Liberty's own trust-association and JASPI logins assert a
   * registry user.
   */
  static final String LIBERTY_ASSERTION = "com.ibm.ws.authentication.internal.assertion";

  /** This deployment's part of every key: new for each application class loader. */
  private static final String DEPLOYMENT = UUID.randomUUID().toString();

  /** The last key prefix built (one context path per deployment, so built once). */
  private static volatile Prefix prefix = new Prefix("");

  private ContainerLogin() {}

  /**
   * An identity key for a caller and groups that no other caller and groups can produce: every part
   * is length-prefixed (a user "a:b" in group "c" and a user "a" in group "b:c" get different
   * keys), and the groups are sorted.
   */
  public static String identityKey(String caller, Set<String> groups) {
    String[] sorted = groups.toArray(new String[0]);
    if (sorted.length > 1) {
      Arrays.sort(sorted);
    }
    StringBuilder key = new StringBuilder(caller.length() + 16 * (sorted.length + 1));
    key.append(caller.length()).append(':').append(caller);
    for (String g : sorted) {
      key.append('|').append(g.length()).append(':').append(g);
    }
    return key.toString();
  }

  /**
   * The container's Subject-cache key for an identity ({@link #identityKey}, prefixed by the kind
   * of credential) in the application at {@code contextPath}; {@code registryUser} as in {@link
   * #login}. A caller that keeps the key for an identity it sees again hands Liberty the same
   * string, which it has hashed before and compares by reference.
   */
  public static String containerKey(String contextPath, String identityKey, boolean registryUser) {
    return cacheKey(contextPath, registryUser ? "registry:" + identityKey : identityKey);
  }

  /** The container's Subject-cache key: deployment, context path, identity. */
  static String cacheKey(String contextPath, String identityKey) {
    Prefix p = prefix;
    if (!p.contextPath().equals(contextPath)) {
      p = new Prefix(contextPath);
      prefix = p;
    }
    return p.value().concat(identityKey);
  }

  /** The deployment and context-path part of the keys, built once: keys are made per request. */
  private record Prefix(String contextPath, String value) {
    Prefix(String contextPath) {
      this(
          contextPath,
          "pathauth:" + DEPLOYMENT + ":" + contextPath.length() + ":" + contextPath + ":");
    }
  }

  /**
   * {@code ctx.notifyContainerAboutLogin(caller, groups)}, with {@code containerKey} ({@link
   * #containerKey}: unique for the caller's principal, groups and {@code registryUser}) as the
   * container's Subject-cache key where supported.
   *
   * <p>{@code registryUser}: the caller is a user of the server's own registry (its password was
   * checked there, or it holds a token pathauth issued after such a check). On Liberty the login
   * hashtable then names only the user ({@code com.ibm.wsspi.security.cred.userId}, no password,
   * marked as an assertion): Liberty asserts that user from its registry, so the caller lands in
   * the registry's realm with the registry's group IDs, and an {@code <application-bnd>} that binds
   * a role to a registry group by name matches, as it did with the container's own FORM login.
   * (Otherwise Liberty puts every caller of a Jakarta Security mechanism into {@code
   * defaultRealm}.) Other servers ignore the attributes; they map the groups pathauth passes.
   */
  public static AuthenticationStatus login(
      HttpMessageContext ctx,
      Principal caller,
      Set<String> groups,
      String containerKey,
      boolean registryUser) {
    AuthenticationStatus status = ctx.notifyContainerAboutLogin(caller, groups);
    if (status == AuthenticationStatus.SUCCESS && ctx.getClientSubject() != null) {
      for (Object credential : ctx.getClientSubject().getPrivateCredentials()) {
        if (credential instanceof Hashtable<?, ?> table) {
          @SuppressWarnings("unchecked")
          Hashtable<String, Object> login = (Hashtable<String, Object>) table;
          if (registryUser) {
            if (LOG.isLoggable(java.util.logging.Level.FINE)) {
              LOG.fine("container login attributes before registry assertion: " + login.keySet());
            }
            login.remove(LIBERTY_UNIQUE_ID);
            login.remove(LIBERTY_SECURITY_NAME);
            login.remove(LIBERTY_GROUPS);
            login.remove(LIBERTY_REALM);
            login.put(LIBERTY_USER_ID, caller.getName());
            login.put(LIBERTY_ASSERTION, Boolean.TRUE);
          }
          login.put(LIBERTY_CACHE_KEY, containerKey);
        }
      }
    }
    return status;
  }
}
