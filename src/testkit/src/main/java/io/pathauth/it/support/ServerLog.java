package io.pathauth.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The integration-test server's log, read from a remembered offset. Payara Micro starts a new JVM
 * per deployment, which may start the file anew: a file shorter than the offset is read whole.
 */
public final class ServerLog {

  private final Path file;
  private final long start;

  /** The integration-test server's log ({@link ItServer#log()}). */
  public ServerLog() throws IOException {
    this(ItServer.log());
  }

  /** The log {@code file} of a server the build started. */
  public ServerLog(Path file) throws IOException {
    this.file = file;
    start = Files.exists(file) ? Files.size(file) : 0;
  }

  /** Lines written since this object was made. */
  public List<String> newLines() throws IOException {
    return text().lines().toList();
  }

  /** The text written since this object was made. */
  public String text() throws IOException {
    byte[] all = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
    int from = start > all.length ? 0 : (int) start;
    return new String(all, from, all.length - from, StandardCharsets.UTF_8);
  }

  /** Lines that look like a stack trace or an error. */
  public List<String> stackTracesOrErrors() throws IOException {
    return newLines().stream()
        .filter(l -> l.startsWith("\tat ") || l.contains(" E ") || l.contains("Exception"))
        .toList();
  }
}
