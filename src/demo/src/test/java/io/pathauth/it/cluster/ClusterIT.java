package io.pathauth.it.cluster;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static io.pathauth.it.support.Browser.BOB;
import static io.pathauth.it.support.Browser.BOB_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.bench.soak.Soak;
import io.pathauth.dev.DevTokens;
import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.LibertyNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Open Liberty servers with the WAR, sharing sessions and pathauth's state through Hazelcast
 * ({@code src/main/liberty/cluster}), behind HAProxy balancing round robin without stickiness. Runs
 * in a private network namespace with only loopback ({@code ./mvnw -Pcluster verify} under {@code
 * unshare -n}; README, "Running a cluster"). The last tests kill node A with SIGKILL and start it
 * again, so the order matters.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

  static final int BALANCER = 19500;
  static final int NODE_A = 19501;
  static final int NODE_B = 19502;

  static final int SOAK_WORKERS = 16;

  static LibertyNode a;
  static LibertyNode b;
  static Process haproxy;

  @BeforeAll
  static void startCluster() throws Exception {
    assertOnlyLoopback();
    Path work = Path.of(System.getProperty("pathauth.cluster.dir"));
    Path state = Files.createDirectories(work.resolve("state")); // signing keys, shared
    a = node("clusterA", NODE_A, state);
    b = node("clusterB", NODE_B, state);
    a.start(); // first: it generates the signing keys node B then reads
    b.start();
    haproxy = Balancer.start(work, BALANCER, NODE_A, NODE_B);
    awaitClusterOfTwo();
  }

  @AfterAll
  static void stopCluster() {
    if (haproxy != null) {
      haproxy.destroy();
    }
    for (LibertyNode n : new LibertyNode[] {a, b}) {
      if (n != null) {
        n.stop();
      }
    }
  }

  /** Hazelcast members must never reach beyond this machine: refuse to run outside a namespace. */
  static void assertOnlyLoopback() throws SocketException {
    for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      assertTrue(
          !i.isUp() || i.isLoopback(),
          "run the cluster test in a network namespace with only loopback (unshare -n): "
              + i.getName()
              + " is up");
    }
  }

  static URL base(int port) {
    try {
      return URI.create("http://127.0.0.1:" + port + "/pathauth/").toURL();
    } catch (java.net.MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  static URI uri(int port, String path) {
    return URI.create("http://127.0.0.1:" + port + "/pathauth/" + path);
  }

  /** Both members see each other: a session written on A is read on B. */
  static void awaitClusterOfTwo() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      Browser probe = new Browser(base(NODE_A));
      probe.login(BOB, BOB_PASSWORD);
      if (Http.get(uri(NODE_B, "app/home"), "Cookie", "JSESSIONID=" + probe.sessionId())
              .statusCode()
          == 200) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the two nodes did not form one cluster within 60 s");
  }

  static JsonObject passwordGrant(int port, String user, String password) {
    HttpResponse<String> r =
        Http.postForm(
            uri(port, "auth/token"),
            Map.of("grant_type", "password", "username", user, "password", password));
    assertEquals(200, r.statusCode(), r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  static HttpResponse<String> me(int port, String token) {
    return Http.get(uri(port, "api/me"), "Authorization", "Bearer " + token);
  }

  static HttpResponse<String> post(int port, String path, String token) {
    return Http.send(
        HttpRequest.newBuilder(uri(port, path)).POST(HttpRequest.BodyPublishers.noBody()),
        "Authorization",
        "Bearer " + token);
  }

  static String node(HttpResponse<?> r) {
    return r.headers().firstValue("X-Pathauth-Node").orElse("?");
  }

  @Test
  @Order(1)
  void whenASessionLogsInThroughTheBalancer_thenEveryRequestSucceedsOnEitherNode() {
    Browser alice = new Browser(base(BALANCER));
    alice.login(ALICE, ALICE_PASSWORD);
    Set<String> nodes = new HashSet<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> home = alice.get("app/home");
      assertEquals(200, home.statusCode(), "request " + i + " on node " + node(home));
      nodes.add(node(home));
    }
    assertEquals(Set.of("a", "b"), nodes, "round robin, no stickiness");
  }

  @Test
  @Order(2)
  void whenASessionLogsOutOnOneNode_thenItsCookieIsDeadOnTheOther() {
    Browser alice = new Browser(base(NODE_A));
    alice.login(ALICE, ALICE_PASSWORD);
    String cookie = "JSESSIONID=" + alice.sessionId();
    assertEquals(200, Http.get(uri(NODE_B, "app/home"), "Cookie", cookie).statusCode());
    assertEquals(
        303, alice.post("app/logout", Map.of("csrf_token", alice.csrfToken())).statusCode());
    assertEquals(
        302,
        Http.get(uri(NODE_B, "app/home"), "Cookie", cookie).statusCode(),
        "logged out on A: B sends the old cookie to the login page");
  }

  @Test
  @Order(3)
  void whenALoginFailsOnBothNodes_thenTheThrottleCountsThemTogether() {
    // pathauth.login.max-failures is 5 (the demo's default): 3 on A and 2 on B reach it
    for (int i = 0; i < 5; i++) {
      new Browser(base(i < 3 ? NODE_A : NODE_B)).login("carol", "wrong-" + i);
    }
    HttpResponse<String> r =
        Http.postForm(
            uri(NODE_A, "auth/token"),
            Map.of("grant_type", "password", "username", "carol", "password", "x"));
    assertEquals(429, r.statusCode(), r.body());
  }

  @Test
  @Order(4)
  void whenATokenIsLoggedOutOnOneNode_thenTheOtherRejectsItOnTheNextRequest() {
    String token = passwordGrant(BALANCER, ALICE, ALICE_PASSWORD).getString("access_token");
    assertEquals(200, me(NODE_A, token).statusCode());
    assertEquals(200, me(NODE_B, token).statusCode()); // now in B's verified-token cache
    long start = System.nanoTime();
    assertEquals(204, post(NODE_A, "auth/logout", token).statusCode());
    HttpResponse<String> after = me(NODE_B, token);
    long micros = (System.nanoTime() - start) / 1000;
    assertEquals(401, after.statusCode(), "revoked on A, rejected by B on its next request");
    System.out.printf("revocation on node A to rejection on node B: %d µs%n", micros);
  }

  @Test
  @Order(4)
  void whenARefreshTokenIsReusedOnOneNode_thenItsFamilysAccessTokensAreRefusedOnTheOther() {
    JsonObject first = passwordGrant(NODE_A, ALICE, ALICE_PASSWORD);
    String refresh = first.getString("refresh_token");
    HttpResponse<String> rotated =
        Http.postForm(
            uri(NODE_A, "auth/token"),
            Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertEquals(200, rotated.statusCode(), rotated.body());
    String second =
        Json.createReader(new StringReader(rotated.body())).readObject().getString("access_token");
    assertEquals(200, me(NODE_B, first.getString("access_token")).statusCode());
    assertEquals(200, me(NODE_B, second).statusCode()); // both answered by B once

    HttpResponse<String> reuse =
        Http.postForm(
            uri(NODE_A, "auth/token"),
            Map.of("grant_type", "refresh_token", "refresh_token", refresh));
    assertEquals(400, reuse.statusCode(), "a reused refresh token revokes its family");

    assertEquals(401, me(NODE_B, second).statusCode(), "the family's latest access token");
    assertEquals(401, me(NODE_B, first.getString("access_token")).statusCode());
  }

  @Test
  @Order(5)
  void whenAnAdminForcesALogoutOnOneNode_thenSessionsAndTokensEndEverywhere() {
    Browser alice = new Browser(base(NODE_B));
    alice.login(ALICE, ALICE_PASSWORD);
    String aliceToken = passwordGrant(NODE_B, ALICE, ALICE_PASSWORD).getString("access_token");
    String admin = passwordGrant(NODE_A, BOB, BOB_PASSWORD).getString("access_token");
    for (int port : new int[] {NODE_A, NODE_B}) { // each node has answered for both once
      assertEquals(200, me(port, aliceToken).statusCode(), "token on " + port);
      assertEquals(
          200,
          Http.get(uri(port, "app/home"), "Cookie", "JSESSIONID=" + alice.sessionId()).statusCode(),
          "session on " + port);
    }

    assertEquals(200, post(NODE_A, "admin/users/alice/logout", admin).statusCode());

    for (int port : new int[] {NODE_A, NODE_B}) {
      assertEquals(401, me(port, aliceToken).statusCode(), "token on " + port);
      assertEquals(
          302,
          Http.get(uri(port, "app/home"), "Cookie", "JSESSIONID=" + alice.sessionId()).statusCode(),
          "session on " + port + " is sent to the login page");
    }
    assertEquals(200, me(NODE_B, admin).statusCode(), "another user is unaffected");
  }

  @Test
  @Order(6)
  void whenANodeIsKilled_thenTheSurvivorKeepsEverySessionTokenAndRevocation() throws Exception {
    Browser bob = new Browser(base(BALANCER));
    bob.login(BOB, BOB_PASSWORD);
    assertEquals(200, bob.get("app/home").statusCode());
    String token = passwordGrant(BALANCER, BOB, BOB_PASSWORD).getString("access_token");
    String revoked = passwordGrant(BALANCER, BOB, BOB_PASSWORD).getString("access_token");
    assertEquals(204, post(NODE_A, "auth/logout", revoked).statusCode());

    a.kill(); // SIGKILL: no shutdown hook, no graceful Hazelcast leave

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> home = bob.get("app/home");
      assertEquals(200, home.statusCode(), "session request " + i + " via " + node(home));
      assertEquals("b", node(home));
      assertEquals(200, me(BALANCER, token).statusCode(), "token request " + i);
      assertEquals(401, me(BALANCER, revoked).statusCode(), "the revocation survived");
    }
  }

  @Test
  @Order(7)
  void whenTheKilledNodeIsStartedAgain_thenItRejoinsAndSeesTheCurrentState() throws Exception {
    Browser bob = new Browser(base(NODE_B));
    bob.login(BOB, BOB_PASSWORD);
    String token = passwordGrant(NODE_B, BOB, BOB_PASSWORD).getString("access_token");
    String revoked = passwordGrant(NODE_B, BOB, BOB_PASSWORD).getString("access_token");
    assertEquals(204, post(NODE_B, "auth/logout", revoked).statusCode());

    a.start();

    assertEquals(
        200,
        Http.get(uri(NODE_A, "app/home"), "Cookie", "JSESSIONID=" + bob.sessionId()).statusCode(),
        "a session made while A was down");
    assertEquals(200, me(NODE_A, token).statusCode());
    assertEquals(401, me(NODE_A, revoked).statusCode(), "a revocation made while A was down");
  }

  @Test
  @Order(8)
  void whenNodeAIsKilledUnderLoad_thenOnlyRequestsInFlightFailAndNoSessionOrRevocationIsLost()
      throws Exception {
    List<Browser> sessions = new ArrayList<>();
    List<String> revoked = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Browser alice = new Browser(base(BALANCER));
      alice.login(ALICE, ALICE_PASSWORD);
      sessions.add(alice);
      String token = passwordGrant(BALANCER, ALICE, ALICE_PASSWORD).getString("access_token");
      assertEquals(204, post(BALANCER, "auth/logout", token).statusCode());
      revoked.add(token);
    }
    PrivateKey key =
        DevTokens.readPrivateKey(Path.of(System.getProperty("pathauth.dev.keys"), "private.pem"));
    ExecutorService load = Executors.newSingleThreadExecutor();
    Future<Soak.Result> soak =
        load.submit(
            () ->
                Soak.run(
                    URI.create("http://127.0.0.1:" + BALANCER + "/pathauth/"),
                    key,
                    75,
                    SOAK_WORKERS));
    try {
      Thread.sleep(15_000);
      a.kill(); // under load: requests in flight on A get no answer
      Thread.sleep(5_000);
      a.start();
      Soak.Result result = soak.get(5, TimeUnit.MINUTES);
      System.out.println("cluster under load, node A killed and started:\n" + result.report());
      assertEquals(
          0, result.unexpected(), "wrong answers: " + result.samples() + "\n" + result.report());
      assertTrue(
          result.failed() <= 2L * SOAK_WORKERS,
          "at most the requests in flight on A (one per connection, retried or not) fail: "
              + result.failed()
              + "\n"
              + result.report());
    } finally {
      load.shutdownNow();
    }
    for (Browser alice : sessions) {
      assertEquals(200, alice.get("app/home").statusCode(), "no session lost");
    }
    for (String token : revoked) {
      assertEquals(401, me(BALANCER, token).statusCode(), "no revocation lost");
      assertEquals(401, me(NODE_A, token).statusCode(), "no revocation lost on the restarted A");
    }
  }

  /**
   * A node of the cluster: the shipped server.xml and cluster.xml, sessions and state on Hazelcast.
   */
  static LibertyNode node(String name, int port, Path stateDir) throws IOException {
    return LibertyNode.create(
        name,
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <server description="pathauth cluster test node">
          <include location="${pathauth.server.xml}"/>
          <include location="${pathauth.cluster.xml}"/>
          <variable name="http.host" value="127.0.0.1"/>
          <variable name="pathauth.state.dir" value="${cluster.state.dir}"/>
          <webApplication location="${pathauth.war}" contextRoot="/pathauth">
            <classloader commonLibraryRef="HazelcastLib"/>
          </webApplication>
        </server>
        """,
        Map.of(
            "http.port", Integer.toString(port),
            "https.port", Integer.toString(port + 100),
            "pathauth.server.xml", System.getProperty("pathauth.server.xml"),
            "pathauth.cluster.xml", System.getProperty("pathauth.cluster.xml"),
            "hazelcast.config", System.getProperty("pathauth.hazelcast.xml"),
            "hazelcast.lib.dir", System.getProperty("pathauth.cluster.lib"),
            "pathauth.war", System.getProperty("pathauth.war"),
            "cluster.state.dir", stateDir.toString()),
        jvmOptions());
  }

  /** Node options; the soak's users (test 8) and the dev key its tokens are signed with. */
  private static List<String> jvmOptions() throws IOException {
    List<String> options = new ArrayList<>();
    options.add("-Xmx384m");
    options.add("-Djava.net.preferIPv4Stack=true");
    options.add("-Dhazelcast.jcache.provider.type=member");
    options.add("-Dhazelcast.phone.home.enabled=false");
    options.add(
        "-Dmp.jwt.verify.publickey.location="
            + Path.of(System.getProperty("pathauth.dev.keys"), "public.pem").toUri());
    String hash = Soak.passwordHash();
    options.add("-Ddemo.user.soakadmin.password=" + hash);
    options.add("-Ddemo.user.soakadmin.groups=user,admin");
    for (int i = 0; i < SOAK_WORKERS; i++) {
      options.add("-Ddemo.user.soak" + i + ".password=" + hash);
      options.add("-Ddemo.user.soak" + i + ".groups=user");
    }
    return options;
  }

  /**
   * HAProxy from Debian's packages: round robin, no stickiness, node health checked twice a second.
   */
  static final class Balancer {
    /** A refused connection (a killed node) marks the server down at once, before its checks do. */
    private static final String DOWN_ON_REFUSED =
        " observe layer4 error-limit 1 on-error mark-down";

    private Balancer() {}

    static Process start(Path work, int port, int nodeA, int nodeB)
        throws IOException, InterruptedException {
      Path cfg = work.resolve("haproxy.cfg");
      Files.writeString(
          cfg,
          String.join(
              "\n",
              "global",
              "  maxconn 256",
              "defaults",
              "  mode http",
              "  timeout connect 2s",
              "  timeout client 30s",
              "  timeout server 30s",
              // a survivor busy taking over (Hazelcast migration, GC) answers its check slowly:
              // a check timeout of inter (500 ms, the default) and fall 1 marked it down too, and
              // the balancer then answered 503 itself until it rose again
              "  timeout check 3s",
              "  retries 3",
              "  option redispatch",
              "frontend pathauth",
              "  bind 127.0.0.1:" + port,
              "  default_backend nodes",
              "backend nodes",
              "  balance roundrobin",
              "  option httpchk GET /pathauth/",
              "  http-response set-header X-Pathauth-Node %[srv_name]",
              "  server a 127.0.0.1:" + nodeA + " check inter 500 fall 2 rise 2" + DOWN_ON_REFUSED,
              "  server b 127.0.0.1:" + nodeB + " check inter 500 fall 2 rise 2" + DOWN_ON_REFUSED,
              ""));
      Process p =
          new ProcessBuilder("haproxy", "-db", "-f", cfg.toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("haproxy.log").toFile())
              .start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (System.nanoTime() < deadline) {
        try {
          if (Http.get(uri(port, "")).statusCode() < 500) {
            return p;
          }
        } catch (RuntimeException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
      p.destroy();
      throw new AssertionError("HAProxy did not start; see " + work.resolve("haproxy.log"));
    }
  }
}
