package io.pathauth.it.support;

import java.nio.file.Path;

/**
 * The server the integration tests run on ({@code -Ppayara} selects Payara Micro; Open Liberty
 * otherwise). Tests use it to read the server log and, where the two servers genuinely differ, to
 * state the difference explicitly.
 */
public enum ItServer {
  LIBERTY,
  PAYARA;

  /** The server of this run. */
  public static ItServer current() {
    return "payara".equals(System.getProperty("pathauth.it.server", "liberty")) ? PAYARA : LIBERTY;
  }

  /** The server's log file (Liberty's messages.log, Payara Micro's --logtofile). */
  public static Path log() {
    return Path.of(System.getProperty("pathauth.it.server.log"));
  }

  /** The server's Jakarta EE level: 10, or 11 (Payara 7: {@code -Ppayara,payara7}). */
  public static int jakartaEe() {
    return Integer.parseInt(System.getProperty("pathauth.it.jakarta.ee", "10"));
  }

  /** The HTTP port deployments answer on. */
  public static int httpPort() {
    return Integer.parseInt(System.getProperty("pathauth.it.http.port", "19080"));
  }
}
