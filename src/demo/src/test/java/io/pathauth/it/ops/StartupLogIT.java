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
import java.util.Set;
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

  private static final List<Allowed> ALLOWED =
      List.of(
          new Allowed(
              ItServer.PAYARA,
              "\\[PayaraMicro\\].*Runtime directory is located in a temporary file location",
              "the Arquillian adapter starts Payara Micro without --rootdir; a test-harness notice"),
          new Allowed(
              ItServer.PAYARA,
              "\\[fish\\.payara\\.nucleus\\.hazelcast\\.MemberAddressPicker\\].*falling back to"
                  + " local host",
              "the tests run Payara in a network namespace with only loopback, on purpose"),
          new Allowed(
              ItServer.PAYARA,
              "_ThreadName=hz\\.ShutdownThread\\].*Terminating forcefully",
              "the previous test's Payara Micro stopping, not this one starting: the Arquillian"
                  + " adapter's undeploy destroys its process without waiting, so that JVM's"
                  + " Hazelcast shutdown hook can still write into the log the next one starts"),
          new Allowed(
              ItServer.PAYARA,
              "\\[NCLS-SECURITY-05054\\]",
              "an expired certificate in Payara's own bundled trust store"),
          new Allowed(
              ItServer.WILDFLY,
              "WFLYTX0013: The node-identifier attribute",
              "one test server, no transaction recovery shared with another node"),
          new Allowed(
              ItServer.WILDFLY,
              "WFLYELY0(0023|1084): KeyStore .*application\\.keystore",
              "the distribution's HTTPS listener makes its self-signed key store on first use"));

  /** Liberty's messages.log: {@code [time] thread logger L message}, L = E, W, A, I, ... */
  private static final Pattern LIBERTY_LINE =
      Pattern.compile("^\\[[^\\]]+\\] [0-9a-f]+ \\S+\\s+([A-Z]) (.*)$");

  /**
   * Payara Micro's log file (ODL): {@code [time] [product] [LEVEL] [id] [logger] ... [levelValue:
   * N] message}, the level possibly in ANSI colours; 900 is WARNING, 1000 SEVERE.
   */
  private static final Pattern PAYARA_LINE =
      Pattern.compile("^\\[[^\\]]+\\] \\[[^\\]]*\\] .*\\[levelValue: (\\d+)\\]");

  /** WildFly's server.log: {@code yyyy-MM-dd HH:mm:ss,SSS LEVEL [logger] (thread) message}. */
  private static final Pattern WILDFLY_LINE =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d+ ([A-Z]+)\\s+\\[");

  private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

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
        lines.addAll(serverStart("CWWKF0011I")); // the server started before this deployment
      } else if (ItServer.current() == ItServer.WILDFLY) {
        lines.addAll(serverStart("WFLYSRV0025")); // likewise
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

  /**
   * The server's log from its start up to its "started" line (Liberty: CWWKF0011I, "The server ...
   * is ready"; WildFly: WFLYSRV0025, "... started in ...ms").
   */
  private static List<String> serverStart(String startedId) throws IOException {
    List<String> start = new ArrayList<>();
    for (String line : Files.readAllLines(ItServer.log(), StandardCharsets.UTF_8)) {
      start.add(line);
      if (line.contains(startedId)) {
        return start;
      }
    }
    throw new AssertionError("no " + startedId + " in " + ItServer.log());
  }

  static boolean isWarningOrError(String line) {
    Matcher liberty = LIBERTY_LINE.matcher(line);
    if (liberty.matches()) {
      return liberty.group(1).equals("W") || liberty.group(1).equals("E");
    }
    String plain = ANSI.matcher(line).replaceAll("");
    Matcher payara = PAYARA_LINE.matcher(plain);
    if (payara.find()) {
      return Integer.parseInt(payara.group(1)) >= 900;
    }
    Matcher wildfly = WILDFLY_LINE.matcher(plain);
    if (wildfly.find()) {
      return Set.of("WARN", "ERROR", "FATAL").contains(wildfly.group(1));
    }
    return false;
  }

  private static boolean allowed(String line) {
    String plain = ANSI.matcher(line).replaceAll("");
    return ALLOWED.stream()
        .anyMatch(a -> a.server() == ItServer.current() && a.line().matcher(plain).find());
  }

  /** The classifier itself: it must see the warnings and errors of every server's format. */
  @Test
  void whenLinesAreWarningsOrErrorsOfEitherServer_thenTheyAreRecognised() {
    assertTrue(
        isWarningOrError(
            "[12/2/26, 6:54:02:747 UTC] 00000022 nliberty.microprofile.openapi20.internal."
                + "ValidationComponent E CWWKO1650E: Validation of the OpenAPI document"));
    assertTrue(isWarningOrError("[12/2/26, 6:54:02:747 UTC] 0000002a com.x.Y  W CWWKX0001W: w"));
    assertTrue(!isWarningOrError("[12/2/26, 6:54:02:747 UTC] 0000002a com.x.Y  I CWWKX0001I: i"));
    assertTrue(
        isWarningOrError(
            "[2026-12-02T07:09:46.827+0000] [] [\u001b[1;93mWARNING\u001b[0m] [] [\u001b[1;94mx.dol"
                + "\u001b[0m] [tid: _ThreadID=1 _ThreadName=main] [timeMillis: 1] [levelValue: 900] AS"));
    assertTrue(
        isWarningOrError(
            "[2026-12-02T07:09:46.827+0000] [] [SEVERE] [] [x] [tid: t] [timeMillis: 1]"
                + " [levelValue: 1000] [["));
    assertTrue(
        !isWarningOrError(
            "[2026-12-02T07:09:46.827+0000] [] [INFO] [] [x] [tid: t] [timeMillis: 1]"
                + " [levelValue: 800] ok"));
    assertTrue(
        isWarningOrError(
            "\u001b[33m2026-12-03 12:42:28,285 WARN  [org.jboss.as.txn] (ServerService Thread Pool"
                + " -- 66) WFLYTX0013: w"));
    assertTrue(
        isWarningOrError(
            "2026-12-03 12:44:31,196 ERROR [io.undertow.request] (default task-2) UT005023: e"));
    assertTrue(
        !isWarningOrError(
            "2026-12-03 12:42:31,853 INFO  [org.jboss.as] (Controller Boot Thread) WFLYSRV0025:"));
  }
}
