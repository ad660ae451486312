package io.pathauth.config;

import io.pathauth.PathAuthException;
import java.util.Objects;

/**
 * The deployment configuration is invalid, or our own keys cannot be loaded. This is never the
 * client's fault: at deploy time it stops the application; at request time it is a 500 that is
 * logged, never described to the client.
 */
public final class PathAuthConfigException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public PathAuthConfigException(String key, String problem) {
    super(format(key, problem));
    this.key = Objects.requireNonNull(key);
  }

  public PathAuthConfigException(String key, String problem, Throwable cause) {
    super(format(key, problem), cause);
    this.key = Objects.requireNonNull(key);
  }

  /** The configuration key at fault, e.g. {@code pathauth.path.api.mechanism}. */
  public String key() {
    return key;
  }

  private static String format(String key, String problem) {
    return "pathauth: invalid configuration '" + key + "': " + problem;
  }
}
