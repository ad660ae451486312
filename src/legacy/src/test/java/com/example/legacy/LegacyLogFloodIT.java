package com.example.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * nothing, on Open Liberty and on Payara Micro (RELIABILITY.md, "Log floods"), while pathauth's
 * audit log still has the first failures. Without the shipped settings, Payara writes two lines per
 * password its realm refuses ({@code NCLS-SECURITY-05046 Audit: Authentication refused}, {@code
 * jaspic.loginfail}; {@code src/build/payara/logging.properties}) and Liberty one {@code SRVE8115W}
 * per {@code j_security_check} login ({@code server.xml}).
 */
class LegacyLogFloodIT {

  static final int ATTEMPTS = 60;
  private static URL base;

  @BeforeAll
  static void serverIsUp() throws Exception {
    base = LegacyServer.awaitUp();
  }

  @Test
  void whenWrongPasswordsFloodTheRegistry_thenTheServerLogGetsAFewLines() throws Exception {
    ServerLog log = new ServerLog(Path.of(System.getProperty("legacy.server.log")));
    for (int i = 0; i < ATTEMPTS; i++) {
      HttpResponse<String> form =
          Http.postForm(
              URI.create(base.toString()).resolve("j_security_check"),
              Map.of("j_username", "flood-f" + i, "j_password", "wrong"));
      assertEquals(302, form.statusCode(), "form login " + i);
      assertTrue(
          form.headers().firstValue("Location").orElse("").endsWith("/legacy/login-error.jsp"),
          "form login " + i + " goes to the error page: " + form.headers().map());
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
    for (String id : List.of("NCLS-SECURITY-05046", "jaspic.loginfail", "SRVE8115W")) {
      assertTrue(lines.stream().noneMatch(l -> l.contains(id)), id + " in:\n" + text);
    }
    assertTrue(
        lines.size() <= ATTEMPTS,
        2 * ATTEMPTS + " refused logins wrote " + lines.size() + " log lines:\n" + text);
    assertTrue(text.contains("\"user\":\"flood-f0\""), "the first wrong form password: " + text);
    assertTrue(text.contains("\"user\":\"flood-g0\""), "the first wrong grant password: " + text);
  }
}
