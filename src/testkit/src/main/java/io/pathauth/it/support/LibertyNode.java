package io.pathauth.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An Open Liberty server that a test creates in the runtime the build installed ({@code
 * liberty.wlp.home}), starts, kills with SIGKILL and starts again: for what Arquillian cannot do
 * (several servers, a crash). The application is named {@code pathauth} in its server.xml.
 */
public final class LibertyNode {

  private final String name;
  private final Path wlp;

  private LibertyNode(String name, Path wlp) {
    this.name = name;
    this.wlp = wlp;
  }

  /**
   * Creates the server {@code name} anew with this {@code server.xml}, {@code bootstrap.properties}
   * and {@code jvm.options}.
   */
  public static LibertyNode create(
      String name, String serverXml, Map<String, String> bootstrap, List<String> jvmOptions)
      throws IOException {
    Path wlp = Path.of(System.getProperty("liberty.wlp.home"));
    Path dir = wlp.resolve("usr/servers").resolve(name);
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("server.xml"), serverXml);
    Files.writeString(
        dir.resolve("bootstrap.properties"),
        new TreeMap<>(bootstrap)
                .entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("\n"))
            + "\n");
    Files.writeString(dir.resolve("jvm.options"), String.join("\n", jvmOptions) + "\n");
    return new LibertyNode(name, wlp);
  }

  /** Starts the server and waits until the application {@code pathauth} has started. */
  public void start() throws IOException, InterruptedException {
    run("start");
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log()) ? Files.readString(log()) : "";
      if (text.contains("CWWKZ0001I: Application pathauth started")) {
        return;
      }
      if (text.contains("CWWKZ0002E")) {
        throw new AssertionError(name + ": the application failed to start; see " + log());
      }
      Thread.sleep(250);
    }
    throw new AssertionError(name + ": the application did not start; see " + log());
  }

  /** SIGKILL, by the PID Liberty wrote for this server; its log is kept aside. */
  public void kill() throws Exception {
    long pid = Long.parseLong(Files.readString(pidFile()).trim());
    ProcessHandle p = ProcessHandle.of(pid).orElseThrow();
    new ProcessBuilder("kill", "-KILL", Long.toString(pid)).inheritIO().start().waitFor();
    p.onExit().get(30, TimeUnit.SECONDS);
    Files.deleteIfExists(pidFile());
    Files.move(
        log(),
        log().resolveSibling("messages-before-kill.log"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Stops the server (best effort, at the end of a run). */
  public void stop() {
    try {
      run("stop");
    } catch (IOException | InterruptedException e) {
      // best effort at the end of the run
    }
  }

  /** The server's messages.log. */
  public Path log() {
    return wlp.resolve("usr/servers").resolve(name).resolve("logs/messages.log");
  }

  private Path pidFile() {
    return wlp.resolve("usr/servers/.pid").resolve(name + ".pid");
  }

  private void run(String action) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), action, name)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("server " + action + " " + name + " did not finish");
    }
  }
}
