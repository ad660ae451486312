package io.pathauth.it.cluster;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.PayaraNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances with the WAR, clustered by Payara's own Data Grid (Hazelcast),
 * pathauth keeping its state there ({@code pathauth.state.store=jcache} and nothing else: Payara's
 * built-in JCache provider). Runs in the {@code -Ppayara} build (Payara Micro 6, and 7 with {@code
 * payara7}), which runs in a network namespace with only loopback. Sessions are each node's own
 * here (the demo is not {@code <distributable/>}): what must reach the other node is pathauth's
 * state, and the tests call each node directly.
 */
class PayaraClusterIT {

  static final int NODE_A = 19281;
  static final int NODE_B = 19282;

  /** Data Grid ports: A listens on the first, B on the second; both join by TCP-IP on these. */
  static final int GRID_A = 5910;

  static final int GRID_B = 5911;

  static PayaraNode a;
  static PayaraNode b;

  @BeforeAll
  static void startCluster() throws Exception {
    ClusterIT.assertOnlyLoopback();
    Path work = Path.of(System.getProperty("pathauth.payara.cluster.dir"));
    Path state = Files.createDirectories(work.resolve("state")); // signing keys, shared
    // a cluster name of its own: an instance another test left stopping never joins it
    String cluster = "pathauth-it-" + UUID.randomUUID();
    String members = "127.0.0.1:" + GRID_A + ",127.0.0.1:" + GRID_B;
    Map<String, String> config =
        Map.of("pathauth.state.store", "jcache", "pathauth.state.dir", state.toString());
    Path war = Path.of(System.getProperty("pathauth.war"));
    a = PayaraNode.create("payaraA", work, war, NODE_A, cluster, GRID_A, members, config);
    b = PayaraNode.create("payaraB", work, war, NODE_B, cluster, GRID_B, members, config);
    a.start();
    a.awaitApplication(Duration.ofSeconds(120)); // first: it generates the signing keys B reads
    b.start();
    b.awaitApplication(Duration.ofSeconds(120));
    a.awaitDataGrid(2, Duration.ofSeconds(60));
    b.awaitDataGrid(2, Duration.ofSeconds(60));
  }

  @AfterAll
  static void stopCluster() {
    for (PayaraNode n : new PayaraNode[] {a, b}) {
      if (n != null) {
        n.stop();
      }
    }
  }

  @Test
  void whenATokenIsLoggedOutOnOneNode_thenTheOtherRejectsItOnTheNextRequest() {
    String token = ClusterIT.passwordGrant(NODE_A, ALICE, ALICE_PASSWORD).getString("access_token");
    assertEquals(200, ClusterIT.me(NODE_A, token).statusCode());
    assertEquals(200, ClusterIT.me(NODE_B, token).statusCode()); // now in B's verified-token cache

    assertEquals(204, ClusterIT.post(NODE_A, "auth/logout", token).statusCode());

    assertEquals(
        401,
        ClusterIT.me(NODE_B, token).statusCode(),
        "revoked on A, rejected by B on its next request");
  }

  @Test
  void whenAnAdminForcesALogoutOnOneNode_thenSessionsAndTokensEndOnBoth() {
    String admin = ClusterIT.passwordGrant(NODE_A, BOB, BOB_PASSWORD).getString("access_token");
    Map<Integer, String> sessions = Map.of(NODE_A, session(NODE_A), NODE_B, session(NODE_B));
    String token = ClusterIT.passwordGrant(NODE_B, ALICE, ALICE_PASSWORD).getString("access_token");
    for (int port : new int[] {NODE_A, NODE_B}) { // each node has accepted both once
      assertEquals(200, ClusterIT.me(port, token).statusCode(), "token on " + port);
      assertEquals(200, home(port, sessions.get(port)).statusCode(), "session on " + port);
    }

    assertEquals(200, ClusterIT.post(NODE_A, "admin/users/alice/logout", admin).statusCode());

    for (int port : new int[] {NODE_A, NODE_B}) {
      assertEquals(401, ClusterIT.me(port, token).statusCode(), "token on " + port);
      assertEquals(
          302,
          home(port, sessions.get(port)).statusCode(),
          "the session on " + port + " is sent to the login page");
    }
    assertEquals(200, ClusterIT.me(NODE_B, admin).statusCode(), "another user is unaffected");
  }

  /** Alice's session cookie, logged in on {@code port} itself (each node's own sessions here). */
  private static String session(int port) {
    Browser alice = new Browser(ClusterIT.base(port));
    alice.login(ALICE, ALICE_PASSWORD);
    return "JSESSIONID=" + alice.sessionId();
  }

  private static HttpResponse<String> home(int port, String cookie) {
    return Http.get(ClusterIT.uri(port, "app/home"), "Cookie", cookie);
  }
}
