package io.pathauth.it.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A clean startup: the server's start and the demo's deployment log no WARNING or ERROR line, but
 * for the server's own notices listed in {@link #ALLOWED}, each with the reason it is not ours.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartupLogIT {

  private static final String NAME = "startup-log";

  /** A server notice that is not about the demo or pathauth, and why it is accepted. */
  private record Allowed(ItServer server, Pattern line, String reason) {
    Allowed(ItServer server, String regex, String reason) {
      this(server, Pattern.compile(regex), reason);
    }
  }

  private static final List<Allowed> ALLOWED = List.of();

  /** Liberty's messages.log: {@code [time] thread logger L message}, L = E, W, A, I, ... */
  private static final Pattern LIBERTY_LINE =
      Pattern.compile("^\\[[^\\]]+\\] [0-9a-f]+ \\S+\\s+([A-Z]) (.*)$");

  /** Payara Micro's log file: {@code [time] [product] [LEVEL] ...}. */
  private static final Pattern PAYARA_LINE =
      Pattern.compile("^\\[[^\\]]+\\] \\[[^\\]]*\\] \\[(SEVERE|WARNING|INFO|[A-Z]+)\\] (.*)$");

  @ArquillianResource Deployer deployer;

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(NAME + ".war", java.util.Map.of());
  }

  @Test
  void whenTheServerStartsAndTheDemoDeploys_thenNoWarningOrErrorIsLogged() throws Exception {
    ServerLog log = new ServerLog();
    deployer.deploy(NAME);
    try {
      URI hello = URI.create("http://localhost:" + ItServer.httpPort() + "/" + NAME + "/");
      assertEquals(200, Http.get(hello).statusCode(), "the demo answers");
      Thread.sleep(1000); // lines written while the application finishes starting
      List<String> lines = new ArrayList<>();
      if (ItServer.current() == ItServer.LIBERTY) {
        lines.addAll(libertyStart()); // the server started before this test's deployment
      }
      lines.addAll(log.newLines());
      List<String> offending = new ArrayList<>();
      for (String line : lines) {
        if (isWarningOrError(line) && !allowed(line)) {
          offending.add(line);
        }
      }
      assertEquals(List.of(), offending, "warnings or errors at startup");
      assertTrue(lines.size() > 3, "the log was read: " + lines);
    } finally {
      deployer.undeploy(NAME);
    }
  }

  /** Liberty's log from the server's start up to "The server ... is ready" (CWWKF0011I). */
  private static List<String> libertyStart() throws IOException {
    List<String> start = new ArrayList<>();
    for (String line : Files.readAllLines(ItServer.log(), StandardCharsets.UTF_8)) {
      start.add(line);
      if (line.contains("CWWKF0011I")) {
        break;
      }
    }
    return start;
  }

  static boolean isWarningOrError(String line) {
    Matcher liberty = LIBERTY_LINE.matcher(line);
    if (liberty.matches()) {
      return liberty.group(1).equals("W") || liberty.group(1).equals("E");
    }
    Matcher payara = PAYARA_LINE.matcher(line);
    if (payara.matches()) {
      return payara.group(1).equals("WARNING") || payara.group(1).equals("SEVERE");
    }
    return false;
  }

  private static boolean allowed(String line) {
    return ALLOWED.stream()
        .anyMatch(a -> a.server() == ItServer.current() && a.line().matcher(line).find());
  }
}
