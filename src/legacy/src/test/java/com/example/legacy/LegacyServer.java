package com.example.legacy;

import io.pathauth.it.support.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * The legacy application's server, which the build started (Open Liberty, or Payara Micro with
 * {@code -Ppayara}), and the registry passwords the build generated for it.
 */
final class LegacyServer {

  private static URL base;
  private static Properties passwords;

  private LegacyServer() {}

  /** Waits until the legacy application serves (once per test JVM); its base URL. */
  static synchronized URL awaitUp() throws IOException, InterruptedException {
    if (base != null) {
      return base;
    }
    URL url =
        URI.create(System.getProperty("legacy.base.url", "http://127.0.0.1:19380/legacy/")).toURL();
    passwords = new Properties();
    try (var in = Files.newBufferedReader(Path.of(System.getProperty("legacy.passwords")))) {
      passwords.load(in);
    }
    // The server was started by the build (Payara Micro in the background): wait until it serves.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
    if ("payara".equals(System.getProperty("legacy.server"))) {
      awaitPayaraReady(Path.of(System.getProperty("legacy.server.log")), deadline);
    }
    while (true) {
      try {
        if (Http.get(URI.create(url.toString()).resolve("login.jsp")).statusCode() == 200) {
          base = url;
          return base;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the legacy application did not come up at " + url);
      }
      Thread.sleep(500);
    }
  }

  /**
   * Payara Micro reads its log file's "ready in" line for this boot (the log is appended to across
   * runs: only what follows the last "Built Payara Micro Runtime" counts). No HTTP request goes out
   * before: a request that arrives while Payara Micro 6.2025.10 is still booting can make its boot
   * fail (a MissingResourceException for its security log bundle, seen here).
   */
  private static void awaitPayaraReady(Path log, Instant deadline) throws IOException {
    while (true) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      int boot = text.lastIndexOf("Built Payara Micro Runtime");
      String thisBoot = boot < 0 ? "" : text.substring(boot);
      if (thisBoot.contains("Failed to start, exiting")) {
        throw new AssertionError("Payara Micro failed to start; see " + log);
      }
      if (thisBoot.contains(") ready in ")) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("Payara Micro did not log its readiness in " + log);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The generated password of a registry user. */
  static synchronized String password(String user) {
    String p = passwords.getProperty(user);
    if (p == null) {
      throw new AssertionError("no generated password for " + user);
    }
    return p;
  }
}
