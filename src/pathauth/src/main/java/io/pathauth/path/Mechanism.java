package io.pathauth.path;

import java.util.Locale;

/** What pathauth does on a path. */
public enum Mechanism {
  /** FORM login and a container {@code HttpSession}. */
  SESSION,
  /** {@code Authorization: Bearer} JWT, verified with MicroProfile JWT semantics. */
  JWT,
  /** pathauth does nothing; the container's own constraints still apply. */
  NONE,
  /**
   * An {@code HttpAuthenticationMechanism} bean of the application, chosen by its qualifier (the
   * rule's {@code qualifier} key): a built-in one such as
   * {@code @BasicAuthenticationMechanismDefinition} or
   * {@code @OpenIdAuthenticationMechanismDefinition}, or the application's own. Jakarta Security
   * 4.0 (Jakarta EE 11) only, where an application may have several mechanisms.
   */
  APPLICATION;

  /**
   * Parses {@code session|jwt|none|application} (any letter case).
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Mechanism parse(String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "session" -> SESSION;
      case "jwt" -> JWT;
      case "none" -> NONE;
      case "application" -> APPLICATION;
      default ->
          throw new IllegalArgumentException(
              "unknown mechanism '" + value + "' (expected session, jwt, none or application)");
    };
  }

  /** The name used in configuration. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
