package io.pathauth.it.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The integration-test server's messages.log, read from a remembered offset. */
final class ServerLog {

  private final Path file =
      Path.of(System.getProperty("pathauth.it.server.dir"), "logs", "messages.log");
  private final long start;

  ServerLog() throws IOException {
    start = Files.exists(file) ? Files.size(file) : 0;
  }

  /** Lines written since this object was made. */
  List<String> newLines() throws IOException {
    byte[] all = Files.readAllBytes(file);
    int from = (int) Math.min(start, all.length);
    return new String(all, from, all.length - from, StandardCharsets.UTF_8).lines().toList();
  }

  /** Lines that look like a stack trace or an error. */
  List<String> stackTracesOrErrors() throws IOException {
    return newLines().stream()
        .filter(l -> l.startsWith("\tat ") || l.contains(" E ") || l.contains("Exception"))
        .toList();
  }
}
