package io.pathauth.identity;

import io.pathauth.config.PathAuthConfigException;
import java.util.Locale;
import org.eclipse.microprofile.config.Config;

/**
 * Where pathauth checks passwords ({@code pathauth.identity.store}): {@code auto} (the default)
 * uses the application's {@code IdentityStore}s when it has any and the server's own user registry
 * when it has none, which is how a FORM login behaved before pathauth; {@code application} and
 * {@code server} choose one explicitly.
 */
public enum IdentitySource {
  AUTO,
  APPLICATION,
  SERVER;

  /** The configuration key. */
  public static final String KEY = "pathauth.identity.store";

  /** Reads and validates {@link #KEY}. */
  public static IdentitySource from(Config config) {
    String value = config.getOptionalValue(KEY, String.class).orElse("auto").trim();
    try {
      return valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PathAuthConfigException(KEY, "must be auto, application or server, not " + value);
    }
  }

  /** The source in force, given whether the application defines an {@code IdentityStore}. */
  public IdentitySource resolve(boolean applicationHasIdentityStore) {
    if (this != AUTO) {
      return this;
    }
    return applicationHasIdentityStore ? APPLICATION : SERVER;
  }
}
