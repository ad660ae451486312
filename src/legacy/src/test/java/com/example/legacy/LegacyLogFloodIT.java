package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ServerLog;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A flood of wrong passwords checked by the server's own registry costs the server's log almost
 * nothing (RELIABILITY.md, "Log floods"). Payara audits every refused registry login with two lines
 * ({@code NCLS-SECURITY-05046 Audit: Authentication refused} and {@code jaspic.loginfail}) unless
 * its core security logger is at WARNING ({@code src/build/payara/preboot.txt}).
 *
 * <p>Payara only, for now: on Open Liberty the same flood writes one {@code SRVE8115W: Cannot set
 * status. Response already committed} warning per refused {@code j_security_check} login (found by
 * this test; not fixed yet, RELIABILITY.md, "Log floods"), so this test would fail there.
 */
class LegacyLogFloodIT {

  static final int ATTEMPTS = 60;
  private static URL base;

  @BeforeAll
  static void serverIsUp() throws Exception {
    assumeTrue(
        "payara".equals(System.getProperty("legacy.server")),
        "Open Liberty writes SRVE8115W per refused j_security_check login: open, see the class");
    base = LegacyServer.awaitUp();
  }

  @Test
  void whenWrongPasswordsFlood_thenTheServerLogGetsAFewLines() throws Exception {
    ServerLog log = new ServerLog(Path.of(System.getProperty("legacy.server.log")));
    for (int i = 0; i < ATTEMPTS; i++) {
      HttpResponse<String> form =
          Http.postForm(
              URI.create(base.toString()).resolve("j_security_check"),
              Map.of("j_username", "flood-f" + i, "j_password", "wrong"));
      assertEquals(302, form.statusCode(), "form login " + i);
      HttpResponse<String> grant =
          Http.postForm(
              URI.create(base.toString()).resolve("auth/token"),
              Map.of("grant_type", "password", "username", "flood-g" + i, "password", "wrong"));
      assertEquals(400, grant.statusCode(), "password grant " + i + ": " + grant.body());
    }
    Thread.sleep(1500); // the server's log writer runs behind the requests
    // non-blank lines: Payara's log format puts a blank line after every record
    List<String> lines = log.newLines().stream().filter(l -> !l.isBlank()).toList();
    String text = String.join("\n", lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("NCLS-SECURITY-05046")), text);
    assertTrue(lines.stream().noneMatch(l -> l.contains("CWWKS1652A")), text);
    assertTrue(
        lines.size() <= ATTEMPTS,
        2 * ATTEMPTS + " refused logins wrote " + lines.size() + " log lines:\n" + text);
  }
}
