package io.pathauth.bench.load;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BENCHMARK ONLY ({@code bench/load.sh}, part {@code cluster}). How fast a bearer logout on one
 * node reaches the other: {@code Propagation BASE_A BASE_B ROUNDS USER PASSWORD}. Each round takes
 * a token by password grant on node A, has node B accept it once (so that B remembers it as valid),
 * logs it out on A, and sends it to B at once. Prints the logout's latency and the time from the
 * logout's answer to B's answer; exits 1 if B accepted a logged-out token even once. Runs with the
 * test classes alone on its class path (the JDK's HTTP client, no JSON library).
 */
public final class Propagation {

  /** The token in the grant's JSON answer (a JWS: no quotes or escapes inside). */
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Propagation() {}

  public static void main(String[] args) throws Exception {
    String a = args[0];
    String b = args[1];
    int rounds = Integer.parseInt(args[2]);
    String form =
        "grant_type=password&username="
            + URLEncoder.encode(args[3], StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(args[4], StandardCharsets.UTF_8);
    List<Long> logout = new ArrayList<>();
    List<Long> refusal = new ArrayList<>();
    int accepted = 0;
    for (int i = 0; i < rounds; i++) {
      HttpResponse<String> grant =
          send(
              HttpRequest.newBuilder(URI.create(a + "/auth/token"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form)));
      expect(200, grant, "password grant on A");
      Matcher m = ACCESS_TOKEN.matcher(grant.body());
      if (!m.find()) {
        throw new IllegalStateException("no access_token in " + grant.body());
      }
      String token = m.group(1);
      expect(200, ping(b, token), "the fresh token on B");
      long t0 = System.nanoTime();
      expect(
          204,
          send(
              HttpRequest.newBuilder(URI.create(a + "/auth/logout"))
                  .header("Authorization", "Bearer " + token)
                  .POST(HttpRequest.BodyPublishers.noBody())),
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

  private static HttpResponse<String> ping(String base, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(base + "/api/ping/jwt"))
            .header("Authorization", "Bearer " + token)
            .GET());
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(
        request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
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
