package io.pathauth.session;

import java.io.Serializable;
import java.util.Objects;
import java.util.Set;

/**
 * The caller bound to an HTTP session at login. Kept as a session attribute (not as a container SSO
 * token), so it lives exactly as long as the session, on whichever node holds the session.
 *
 * @param name the caller name
 * @param groups the caller's groups, used as roles
 * @param authenticatedAtMillis when the login happened (epoch milliseconds)
 */
public record SessionIdentity(String name, Set<String> groups, long authenticatedAtMillis)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The session attribute that holds the identity. */
  public static final String ATTRIBUTE = "io.pathauth.session.identity";

  public SessionIdentity {
    Objects.requireNonNull(name, "name");
    groups = Set.copyOf(groups);
  }
}
