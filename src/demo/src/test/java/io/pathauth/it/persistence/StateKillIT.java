package io.pathauth.it.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.bench.soak.Soak;
import io.pathauth.it.support.Http;
import io.pathauth.it.support.LibertyNode;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The file state store under {@code kill -9} of the whole server (README, "Security"): one Open
 * Liberty server with the shipped server.xml and pathauth's state in files, {@value #KILLS} times
 * killed with SIGKILL at a random moment while {@value #WORKERS} clients rotate refresh tokens and
 * log out as fast as they can, and started again. After each restart every logout the server had
 * acknowledged (204) still refuses its token, and every refresh token it had rotated (200) stays
 * spent; the server starts each time (a torn state file would stop the deployment).
 */
class StateKillIT {

  static final int PORT = 19530;
  static final int KILLS = 6;
  static final int WORKERS = 4;
  static LibertyNode server;

  @BeforeAll
  static void start() throws Exception {
    Path work =
        Files.createDirectories(Path.of(System.getProperty("pathauth.cluster.dir"), "state-kill"));
    String hash = Soak.passwordHash();
    List<String> options = new ArrayList<>(List.of("-Xmx384m"));
    for (int i = 0; i < WORKERS; i++) {
      options.add("-Ddemo.user.crash" + i + ".password=" + hash);
      options.add("-Ddemo.user.crash" + i + ".groups=user");
    }
    server =
        LibertyNode.create(
            "statekill",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <server description="pathauth state files under kill -9">
              <include location="${pathauth.server.xml}"/>
              <variable name="http.host" value="127.0.0.1"/>
              <variable name="pathauth.state.dir" value="${state.dir}"/>
              <webApplication location="${pathauth.war}" contextRoot="/pathauth"/>
            </server>
            """,
            Map.of(
                "http.port", Integer.toString(PORT),
                "https.port", Integer.toString(PORT + 100),
                "pathauth.server.xml", System.getProperty("pathauth.server.xml"),
                "state.dir", work.resolve("state").toString(),
                "pathauth.war", System.getProperty("pathauth.war")),
            options);
    server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop();
    }
  }

  static URI uri(String path) {
    return URI.create("http://127.0.0.1:" + PORT + "/pathauth/" + path);
  }

  /** What the server acknowledged before a kill: tokens it revoked, refresh tokens it spent. */
  record Acknowledged(ConcurrentLinkedQueue<String> revoked, ConcurrentLinkedQueue<String> spent) {}

  @Test
  void whenTheServerIsKilledUnderLoad_thenEveryAcknowledgedLogoutAndRotationHoldsAfterRestart()
      throws Exception {
    List<String> allRevoked = new ArrayList<>();
    long rotations = 0;
    Random random = new Random();
    for (int kill = 0; kill < KILLS; kill++) {
      Acknowledged acked =
          new Acknowledged(new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
      AtomicBoolean running = new AtomicBoolean(true);
      ExecutorService load = Executors.newFixedThreadPool(WORKERS);
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < WORKERS; w++) {
        String user = "crash" + w;
        workers.add(load.submit(() -> work(user, running, acked)));
      }
      try {
        Thread.sleep(1500 + random.nextInt(3000));
        server.kill(); // SIGKILL, most likely in the middle of a state write
      } finally {
        running.set(false);
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "the clients stop");
      }
      for (Future<?> f : workers) {
        f.get(); // a worker's own assertion failure (a wrong answer while up) fails the test
      }
      server.start();

      allRevoked.addAll(acked.revoked());
      rotations += acked.spent().size();
      for (String token : allRevoked) { // read-only checks: every logout of every round so far
        assertEquals(
            401,
            Http.get(uri("api/me"), "Authorization", "Bearer " + token).statusCode(),
            "after kill " + kill + ": a token logged out before a kill stays refused");
      }
      // reusing a refresh token writes (it revokes the family again): this round's
      for (String refresh : acked.spent()) {
        assertEquals(
            400,
            refresh(refresh).statusCode(),
            "after kill " + kill + ": a refresh token rotated before a kill stays spent");
      }
    }
    System.out.printf(
        "state under kill -9: %d kills, %d acknowledged logouts and %d rotations held%n",
        KILLS, allRevoked.size(), rotations);
    assertTrue(
        allRevoked.size() >= KILLS && rotations >= KILLS,
        "the load ran: " + allRevoked.size() + " logouts, " + rotations + " rotations");
  }

  /** Grant, rotate, log out, over and over, until stopped or the server dies under it. */
  private static void work(String user, AtomicBoolean running, Acknowledged acked) {
    try {
      while (running.get()) {
        HttpResponse<String> grant =
            Http.postForm(
                uri("auth/token"),
                Map.of("grant_type", "password", "username", user, "password", Soak.PASSWORD));
        assertEquals(200, grant.statusCode(), grant.body());
        String refresh = json(grant).getString("refresh_token");
        HttpResponse<String> rotated = refresh(refresh);
        assertEquals(200, rotated.statusCode(), rotated.body());
        acked.spent().add(refresh);
        String access = json(rotated).getString("access_token");
        HttpResponse<String> logout =
            Http.send(
                HttpRequest.newBuilder(uri("auth/logout"))
                    .POST(HttpRequest.BodyPublishers.noBody()),
                "Authorization",
                "Bearer " + access);
        assertEquals(204, logout.statusCode(), logout.body());
        acked.revoked().add(access);
      }
    } catch (UncheckedIOException killed) {
      // the server died under this request: whatever it was, it was not acknowledged
    }
  }

  static HttpResponse<String> refresh(String refreshToken) {
    return Http.postForm(
        uri("auth/token"), Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
  }

  static JsonObject json(HttpResponse<String> r) {
    return Json.createReader(new StringReader(r.body())).readObject();
  }
}
