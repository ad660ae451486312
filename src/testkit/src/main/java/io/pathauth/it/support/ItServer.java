package io.pathauth.it.support;

import java.net.URI;
import java.nio.file.Path;

/**
 * The server the integration tests run on ({@code -Ppayara} selects Payara Micro, {@code -Pwildfly}
 * WildFly; Open Liberty otherwise). Tests use it to read the server log and, where the servers
 * genuinely differ, to state the difference explicitly.
 */
public enum ItServer {
  LIBERTY,
  PAYARA,
  WILDFLY;

  /** The server of this run. */
  public static ItServer current() {
    return switch (System.getProperty("pathauth.it.server", "liberty")) {
      case "payara" -> PAYARA;
      case "wildfly" -> WILDFLY;
      default -> LIBERTY;
    };
  }

  /** The server's log file (Liberty's messages.log, Payara Micro's --logtofile, WildFly's). */
  public static Path log() {
    return Path.of(System.getProperty("pathauth.it.server.log"));
  }

  /** The server's Jakarta EE level: 10, or 11 (Payara 7: {@code -Ppayara,payara7}). */
  public static int jakartaEe() {
    return Integer.parseInt(System.getProperty("pathauth.it.jakarta.ee", "10"));
  }

  /**
   * Whether the server has MicroProfile Metrics, which pathauth's counters need. WildFly 39 has not
   * (its metrics are Micrometer / OpenTelemetry): there pathauth counts nothing.
   */
  public boolean hasMicroProfileMetrics() {
    return this != WILDFLY;
  }

  /**
   * The URL of a server endpoint such as {@code health/ready}: on the applications' HTTP port
   * ({@code base}'s host and port), except on WildFly, which serves health on its management
   * interface ({@code pathauth.it.management.base}).
   */
  public static URI serverEndpoint(URI base, String path) {
    String management = System.getProperty("pathauth.it.management.base");
    if (path.startsWith("health") && management != null) {
      return URI.create(management).resolve("/" + path);
    }
    return base.resolve("/" + path);
  }

  /** The HTTP port deployments answer on. */
  public static int httpPort() {
    return Integer.parseInt(System.getProperty("pathauth.it.http.port", "19080"));
  }
}
