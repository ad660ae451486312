package io.pathauth.it.ops;

import static io.pathauth.it.support.Browser.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flood of bad credentials costs the server's log almost nothing: neither the server's own line
 * per refused request (Liberty's CWWKS1652A) nor one audit line per failure, while the first
 * failures of each kind are still logged and the metrics count every one.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LogFloodIT {

  private static final int BAD_TOKENS = 300;
  private static final int BAD_PASSWORDS = 60;

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(Map.of());
  }

  @ArquillianResource URL base;

  private URI app(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  @Test
  void whenBadTokensAndPasswordsFlood_thenTheLogGetsTheFirstOnesAndTheMetricsCountAll()
      throws Exception {
    Http.get(app("api/ping/none")); // the application has started: its lines are not counted
    boolean metrics = ItServer.current().hasMicroProfileMetrics(); // not WildFly 39's: servers.md
    long failuresBefore = metrics ? verificationFailures() : 0;
    ServerLog log = new ServerLog();
    for (int i = 0; i < BAD_TOKENS; i++) {
      String token = i % 2 == 0 ? "" : "flood." + i + ".token";
      HttpResponse<String> r = Http.get(app("api/ping/jwt"), "Authorization", "Bearer " + token);
      assertEquals(401, r.statusCode(), "bad token " + i);
    }
    for (int i = 0; i < BAD_PASSWORDS; i++) {
      HttpResponse<String> r =
          Http.postForm(
              app("auth/token"),
              Map.of("grant_type", "password", "username", "flood-" + i, "password", "wrong"));
      assertTrue(
          r.statusCode() == 400 || r.statusCode() == 429, "wrong password " + i + ": " + r.body());
    }
    new Browser(base).login(ALICE, "wrong");
    Thread.sleep(1500); // the server's log writer runs behind the requests
    // non-blank lines: Payara's log format puts a blank line after every record
    List<String> lines = log.newLines().stream().filter(l -> !l.isBlank()).toList();
    String text = String.join("\n", lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("CWWKS1652A")), text);
    assertTrue(lines.stream().noneMatch(l -> l.contains("SRVE8115W")), text);
    assertTrue(
        lines.size() <= 60,
        (BAD_TOKENS + BAD_PASSWORDS + 2)
            + " refused requests wrote "
            + lines.size()
            + " log lines:\n"
            + text);
    assertTrue(text.contains("\"event\":\"token_rejected\""), "the first refused token: " + text);
    assertTrue(text.contains("\"user\":\"flood-0\""), "the first wrong password: " + text);
    if (metrics) {
      assertTrue(
          verificationFailures() - failuresBefore >= BAD_TOKENS,
          "the metrics count every refused token");
    }
  }

  /** The sum of pathauth_verification_failures_total over its reasons. */
  private long verificationFailures() {
    HttpResponse<String> metrics =
        Http.get(URI.create(base.toString()).resolve("/metrics"), "Accept", "text/plain");
    assertEquals(200, metrics.statusCode());
    Matcher m =
        Pattern.compile("(?m)^pathauth_verification_failures_total\\{[^}]*\\} ([0-9.E+]+)")
            .matcher(metrics.body());
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return (long) sum;
  }
}
