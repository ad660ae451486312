package io.pathauth.it.persistence;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.LibertyNode;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sessions in a database (README, "Sessions in a database"): one Open Liberty server with the
 * shipped server.xml and {@code src/main/liberty/sessiondb/sessiondb.xml} (Liberty's
 * sessionDatabase on an embedded Derby), killed with SIGKILL and started again. One scenario, in
 * order: sessions of before the crash open their pages after it, a logout before it stays a logout,
 * a forced logout after it ends a session of before it (pathauth's registry of sessions is in
 * memory and empty after the restart: the forced logout's time, in pathauth's state, decides), and
 * the idle timeout still applies.
 */
class SessionDatabaseIT {

  static final int PORT = 19510;
  static final int IDLE_SECONDS = 40;
  static LibertyNode server;

  @BeforeAll
  static void start() throws Exception {
    Path work = Files.createDirectories(Path.of(System.getProperty("pathauth.sessiondb.dir")));
    server =
        LibertyNode.create(
            "sessiondb",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <server description="pathauth sessions in a database test">
              <include location="${pathauth.server.xml}"/>
              <include location="${pathauth.sessiondb.xml}"/>
              <variable name="http.host" value="127.0.0.1"/>
              <variable name="pathauth.state.dir" value="${state.dir}"/>
              <variable name="pathauth.session.idle-timeout" value="%d"/>
              <webApplication location="${pathauth.war}" contextRoot="/pathauth"/>
            </server>
            """
                .formatted(IDLE_SECONDS),
            Map.of(
                "http.port", Integer.toString(PORT),
                "https.port", Integer.toString(PORT + 100),
                "pathauth.server.xml", System.getProperty("pathauth.server.xml"),
                "pathauth.sessiondb.xml", System.getProperty("pathauth.sessiondb.xml"),
                "derby.lib.dir", System.getProperty("pathauth.derby.lib"),
                "session.db.dir", work.resolve("sessions-db").toString(),
                "state.dir", work.resolve("state").toString(),
                "pathauth.war", System.getProperty("pathauth.war")),
            List.of("-Xmx384m"));
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  static URL base() {
    try {
      return URI.create("http://127.0.0.1:" + PORT + "/pathauth/").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static int home(String sessionId) {
    return Http.get(URI.create(base() + "app/home"), "Cookie", "JSESSIONID=" + sessionId)
        .statusCode();
  }

  @Test
  void whenTheServerIsKilledAndStarted_thenSessionsLogoutsForcedLogoutsAndIdleTimeoutsHold()
      throws Exception {
    Browser alice = new Browser(base());
    alice.login(ALICE, ALICE_PASSWORD);
    Browser bob = new Browser(base());
    bob.login(BOB, BOB_PASSWORD);
    String bobBefore = bob.sessionId();
    assertEquals(303, bob.post("app/logout", Map.of("csrf_token", bob.csrfToken())).statusCode());
    assertEquals(200, alice.get("app/home").statusCode());
    Browser aliceAgain = new Browser(base());
    aliceAgain.login(ALICE, ALICE_PASSWORD); // a second session, ended by a forced logout later

    server.kill();
    server.start();

    HttpResponse<String> page = alice.get("app/home");
    assertEquals(200, page.statusCode(), "the session of before the crash: " + page.body());
    assertTrue(page.body().contains("<span id=\"user\">alice</span>"), page.body());
    assertEquals(302, home(bobBefore), "a logout before the crash stays a logout");

    String admin =
        Json.createReader(
                new StringReader(
                    Http.postForm(
                            URI.create(base() + "auth/token"),
                            Map.of(
                                "grant_type",
                                "password",
                                "username",
                                BOB,
                                "password",
                                BOB_PASSWORD))
                        .body()))
            .readObject()
            .getString("access_token");
    assertEquals(200, aliceAgain.get("app/home").statusCode());
    HttpResponse<String> forced =
        Http.send(
            HttpRequest.newBuilder(URI.create(base() + "admin/users/alice/logout"))
                .POST(HttpRequest.BodyPublishers.noBody()),
            "Authorization",
            "Bearer " + admin);
    assertEquals(200, forced.statusCode(), forced.body());
    assertEquals(302, aliceAgain.get("app/home").statusCode(), "forced out after the restart");
    assertEquals(302, alice.get("app/home").statusCode(), "every session of alice");

    Browser bobAgain = new Browser(base()); // a fresh session for the idle timeout
    bobAgain.login(BOB, BOB_PASSWORD);
    String idle = bobAgain.sessionId();
    server.kill();
    server.start();
    assertEquals(200, home(idle), "restarted, not yet idle");
    Thread.sleep((IDLE_SECONDS + 10) * 1000L);
    assertEquals(302, home(idle), "idle for longer than the idle timeout, restart or not");
  }
}
