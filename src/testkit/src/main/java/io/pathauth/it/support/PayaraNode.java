package io.pathauth.it.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Payara Micro instance that a test starts with a WAR as a member of a Data Grid (Hazelcast)
 * cluster, for what Payara Micro's Arquillian adapter cannot do: two instances at once. It runs on
 * the test JVM's own Java (the build picks the JDK the Payara version needs), joins its members by
 * TCP-IP on 127.0.0.1 only, and its HTTP listener binds 127.0.0.1 ({@code
 * src/build/payara/preboot.txt}); the test still runs it in a network namespace with only loopback,
 * because Payara Micro's Hazelcast binds every interface whatever it is told.
 */
public final class PayaraNode {

  private final String name;
  private final int httpPort;
  private final Path log;
  private final List<String> command;
  private Process process;

  private PayaraNode(String name, int httpPort, Path log, List<String> command) {
    this.name = name;
    this.httpPort = httpPort;
    this.log = log;
    this.command = command;
  }

  /**
   * A member of the Data Grid {@code cluster} listening on {@code dataGridPort} and joining {@code
   * members} (host:port, comma-separated: Payara takes no port range), with the application {@code
   * war} on {@code /pathauth} and these system properties (MicroProfile Config reads them before
   * the WAR's own file).
   */
  public static PayaraNode create(
      String name,
      Path dir,
      Path war,
      int httpPort,
      String cluster,
      int dataGridPort,
      String members,
      Map<String, String> systemProperties)
      throws IOException {
    Files.createDirectories(dir);
    Path properties = dir.resolve(name + ".properties");
    Files.writeString(
        properties,
        new TreeMap<>(systemProperties)
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"))
            + "\n");
    Path log = dir.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx384m");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-jar");
    command.add(System.getProperty("payara.microJar"));
    command.addAll(
        List.of(
            "--deploy",
            war.toString(),
            "--contextroot",
            "pathauth",
            "--port",
            Integer.toString(httpPort),
            "--name",
            name,
            "--clustername",
            cluster,
            "--clustermode",
            "tcpip:" + members,
            "--startport",
            Integer.toString(dataGridPort),
            "--interfaces",
            "127.0.0.1",
            "--nohostaware",
            "--disablephonehome",
            "--prebootcommandfile",
            preboot().toString(),
            "--systemproperties",
            properties.toString(),
            "--rootdir",
            dir.resolve(name + "-root").toString(),
            "--logtofile",
            log.toString()));
    return new PayaraNode(name, httpPort, log, command);
  }

  /** {@code src/build/payara/preboot.txt}: the HTTP listener on 127.0.0.1, SameSite cookies. */
  private static Path preboot() {
    return Path.of(System.getProperty("pathauth.payara.preboot"));
  }

  /** Starts the instance; {@link #awaitApplication} waits for it. */
  public void start() throws IOException {
    Files.deleteIfExists(Path.of(log + ".0"));
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.resolveSibling(name + ".out").toFile())
            .start();
  }

  /** Waits until the application answers on this instance, or fails when the process ended. */
  public void awaitApplication(Duration timeout) throws InterruptedException {
    URI home = URI.create("http://127.0.0.1:" + httpPort + "/pathauth/");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError(name + " ended (" + process.exitValue() + "); see " + output());
      }
      try {
        if (Http.get(home).statusCode() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // connection refused until the listener is up
      }
      Thread.sleep(500);
    }
    throw new AssertionError(name + ": the application did not answer; see " + output());
  }

  /**
   * Waits until the instance's log reports a Data Grid of {@code size} members ({@code Payara Data
   * Grid State: ... DG Size: N}).
   */
  public void awaitDataGrid(int size, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (logText().contains("DG Size: " + size)) {
        return;
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + ": no Data Grid of " + size + " members; see " + log + ".0");
  }

  /** The text of the instance's log file so far (Payara Micro writes {@code <logtofile>.0}). */
  private String logText() throws IOException {
    Path file = Path.of(log + ".0");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  /** Stops the instance (its shutdown hooks run) and waits until its process has ended. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private Path output() {
    return log.resolveSibling(name + ".out");
  }
}
