package io.pathauth.path;

import java.util.Locale;

/** What pathauth does on a path. */
public enum Mechanism {
  /** FORM login and a container {@code HttpSession}. */
  SESSION,
  /** {@code Authorization: Bearer} JWT, verified with MicroProfile JWT semantics. */
  JWT,
  /** pathauth does nothing; the container's own constraints still apply. */
  NONE;

  /**
   * Parses {@code session|jwt|none} (any letter case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Mechanism parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "session" -> SESSION;
      case "jwt" -> JWT;
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "unknown mechanism '" + value + "' (expected session, jwt or none)");
    };
  }

  /** The name used in configuration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
