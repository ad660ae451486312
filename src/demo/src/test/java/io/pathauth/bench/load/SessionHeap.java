package io.pathauth.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * BENCHMARK ONLY. Opens N authenticated sessions on a pathauth server and leaves them idle: {@code
 * SessionHeap BASE_URL USER PASSWORD N}. Each session follows the FORM flow (protected page, {@code
 * app/login}) and is checked on {@code /api/ping/session}. Only loopback URLs are accepted. Used by
 * {@code bench/session-heap.sh}, which takes heap histograms before and after.
 */
public final class SessionHeap {

  private SessionHeap() {}

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0].endsWith("/") ? args[0] : args[0] + "/");
    if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    String user = args[1];
    String password = args[2];
    int sessions = Integer.parseInt(args[3]);
    HttpClient http =
        HttpClient.newBuilder()
            .version(
                HttpClient.Version.HTTP_1_1) // no h2c upgrade: its stream state would be counted
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    AtomicInteger ok = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < sessions; i++) {
        work.add(pool.submit(() -> openSession(http, base, user, password, ok)));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    System.out.println("sessions-opened: " + ok.get());
    if (ok.get() != sessions) {
      System.exit(1);
    }
  }

  private static Void openSession(
      HttpClient http, URI base, String user, String password, AtomicInteger ok) throws Exception {
    HttpResponse<Void> first =
        http.send(
            HttpRequest.newBuilder(base.resolve("app/home")).build(),
            HttpResponse.BodyHandlers.discarding());
    String cookie = sessionCookie(first);
    String form = "j_username=" + user + "&j_password=" + password;
    HttpResponse<Void> login =
        http.send(
            HttpRequest.newBuilder(base.resolve("app/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.discarding());
    cookie = sessionCookie(login);
    HttpResponse<String> check =
        http.send(
            HttpRequest.newBuilder(base.resolve("api/ping/session"))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (check.statusCode() == 200 && check.body().equals("pong " + user)) {
      ok.incrementAndGet();
    }
    return null;
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no session cookie: " + response));
  }
}
