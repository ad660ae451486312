package io.pathauth.it.ee11;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;
import java.util.Map;

/**
 * Jakarta Security's built-in BASIC mechanism, defined by the application next to pathauth's. On
 * Jakarta Security 4.0 it is a bean with the qualifier {@code
 * BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism}, which a path rule names.
 */
@BasicAuthenticationMechanismDefinition(realmName = "pathauth-basic")
@ApplicationScoped
public class BasicMechanism {

  static final String QUALIFIER =
      "jakarta.security.enterprise.authentication.mechanism.http"
          + ".BasicAuthenticationMechanismDefinition.BasicAuthenticationMechanism";

  /** The rule that sends {@code /api/ping/basic} to it, for authenticated callers only. */
  public static Map<String, String> rule() {
    return Map.of(
        "pathauth.path.ping-basic.paths", "/api/ping/basic",
        "pathauth.path.ping-basic.mechanism", "application",
        "pathauth.path.ping-basic.qualifier", QUALIFIER,
        "pathauth.path.ping-basic.policy", "authenticated");
  }
}
