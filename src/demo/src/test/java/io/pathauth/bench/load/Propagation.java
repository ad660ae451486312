package io.pathauth.bench.load;

import io.pathauth.it.support.Http;
import jakarta.json.Json;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * BENCHMARK ONLY ({@code bench/load.sh}, part {@code cluster}). How fast a bearer logout on one
 * node reaches the other: {@code Propagation BASE_A BASE_B ROUNDS USER PASSWORD}. Each round takes
 * a token by password grant on node A, has node B accept it once (so that B remembers it as valid),
 * logs it out on A, and sends it to B at once. Prints the logout's latency and the time from the
 * logout's answer to B's answer; exits 1 if B accepted a logged-out token even once. Runs on the
 * demo's test class path (the testkit's {@link Http}).
 */
public final class Propagation {

  private Propagation() {}

  public static void main(String[] args) {
    String a = args[0];
    String b = args[1];
    int rounds = Integer.parseInt(args[2]);
    Map<String, String> form =
        Map.of("grant_type", "password", "username", args[3], "password", args[4]);
    List<Long> logout = new ArrayList<>();
    List<Long> refusal = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < rounds; i++) {
      HttpResponse<String> grant = Http.postForm(URI.create(a + "/auth/token"), form);
      expect(200, grant, "password grant on A");
      String token =
          Json.createReader(new StringReader(grant.body())).readObject().getString("access_token");
      expect(200, ping(b, token), "the fresh token on B");
      long t0 = System.nanoTime();
      expect(
          204,
          Http.send(
              HttpRequest.newBuilder(URI.create(a + "/auth/logout"))
                  .POST(HttpRequest.BodyPublishers.noBody()),
              "Authorization",
              "Bearer " + token),
          "bearer logout on A");
      long t1 = System.nanoTime();
      HttpResponse<String> after = ping(b, token);
      long t2 = System.nanoTime();
      logout.add((t1 - t0) / 1000);
      refusal.add((t2 - t1) / 1000);
      if (after.statusCode() != 401) {
        accepted++;
      }
    }
    System.out.printf(
        "propagation: %d rounds; logged-out token refused by the other node on its next request:"
            + " %d/%d; logout on A %s µs; from the logout's answer to B's refusal %s µs%n",
        rounds, rounds - accepted, rounds, stats(logout), stats(refusal));
    if (accepted > 0) {
      System.exit(1);
    }
  }

  private static HttpResponse<String> ping(String base, String token) {
    return Http.get(URI.create(base + "/api/ping/jwt"), "Authorization", "Bearer " + token);
  }

  private static void expect(int status, HttpResponse<String> r, String what) {
    if (r.statusCode() != status) {
      throw new IllegalStateException(
          what + ": expected " + status + ", got " + r.statusCode() + " " + r.body());
    }
  }

  /** "p50 X, max Y". */
  private static String stats(List<Long> micros) {
    List<Long> sorted = new ArrayList<>(micros);
    Collections.sort(sorted);
    return "p50 " + sorted.get(sorted.size() / 2) + ", max " + sorted.get(sorted.size() - 1);
  }
}
