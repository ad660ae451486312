package io.pathauth.config;

import io.pathauth.path.Mechanism;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Typed reads of MicroProfile Config for every feature's settings, each naming the key in its error
 * ({@link PathAuthConfigException}). Each feature reads its own keys with it ({@code
 * SessionSettings.read}, {@code JwtSettings.read}, ...).
 */
public final class ConfigReader {
  private final Config config;

  public ConfigReader(Config config) {
    this.config = config;
  }

  /** The configuration read. */
  public Config config() {
    return config;
  }

  /** The trimmed value, empty when unset or blank. */
  public Optional<String> string(String key) {
    return config.getOptionalValue(key, String.class).map(String::trim).filter(s -> !s.isEmpty());
  }

  /** The value; unset is an error naming the key. */
  public String required(String key) {
    return string(key).orElseThrow(() -> new PathAuthConfigException(key, "is required"));
  }

  /** A comma-separated list, trimmed, empty items dropped. */
  public List<String> list(String key) {
    return string(key)
        .map(
            v ->
                java.util.Arrays.stream(v.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList())
        .orElse(List.of());
  }

  /** A mechanism name (session, jwt, none). */
  public Mechanism mechanism(String key, String defaultValue) {
    try {
      return Mechanism.parse(string(key).orElse(defaultValue));
    } catch (IllegalArgumentException e) {
      throw new PathAuthConfigException(key, e.getMessage());
    }
  }

  /**
   * Whether a key is present at all, even with an empty value (MicroProfile Config reads an empty
   * value as "not set", which would turn {@code roles-allowed=} into no policy).
   */
  public boolean isSet(String key) {
    if (string(key).isPresent()) {
      return true;
    }
    for (String name : config.getPropertyNames()) {
      if (name.equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** A path inside the application: one leading slash, no scheme, host or control characters. */
  public String localPath(String key, String defaultValue) {
    String v = string(key).orElse(defaultValue);
    if (!v.startsWith("/")
        || v.startsWith("//")
        || v.contains("\\")
        || v.contains("://")
        || v.chars().anyMatch(c -> c <= 0x20 || c == 0x7f || c == '"')) {
      throw new PathAuthConfigException(
          key, "'" + v + "' must be a path inside the application starting with a single '/'");
    }
    return v;
  }

  /** A local path without query, fragment or wildcard. */
  public String plainPath(String key, String defaultValue) {
    String v = localPath(key, defaultValue);
    if (v.contains("?") || v.contains("*") || v.contains("#")) {
      throw new PathAuthConfigException(key, "must be a plain path (no query, no wildcard)");
    }
    return v;
  }

  /** A whole number from {@code min} to {@code max}. */
  public int boundedInt(String key, int defaultValue, int min, int max) {
    String v = string(key).orElse(null);
    if (v == null) {
      return defaultValue;
    }
    try {
      int i = Integer.parseInt(v);
      if (i < min || i > max) {
        throw new NumberFormatException();
      }
      return i;
    } catch (NumberFormatException e) {
      throw new PathAuthConfigException(key, "must be a number from " + min + " to " + max);
    }
  }

  /** A positive number of seconds. */
  public long positiveSeconds(String key, long defaultValue) {
    String v = string(key).orElse(null);
    if (v == null) {
      return defaultValue;
    }
    try {
      long l = Long.parseLong(v);
      if (l <= 0) {
        throw new NumberFormatException();
      }
      return l;
    } catch (NumberFormatException e) {
      throw new PathAuthConfigException(key, "must be a positive number of seconds");
    }
  }
}
