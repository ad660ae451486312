package io.pathauth.bench.soak;

import io.pathauth.dev.DevTokens;
import io.pathauth.it.support.Http;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * BENCHMARK ONLY. The soak's load ({@code bench/soak.sh}): {@code CONNECTIONS} workers, each with a
 * user of its own ({@code soak<i>}, password {@value #PASSWORD}, PBKDF2 with 1,000 iterations, made
 * by {@code Soak prep}), send mixed traffic to {@code BASE} for {@code SECONDS} and check every
 * answer against what it must be:
 *
 * <ul>
 *   <li>{@code page}: the worker's session opens {@code /app/home} (200);
 *   <li>{@code repeated}: one token for alice, over and over (200);
 *   <li>{@code fresh}: a token signed a moment ago, never sent before (200);
 *   <li>{@code invalid}: garbage, an expired token, a wrong signature (401);
 *   <li>{@code csrf-post}: the session's logout with its CSRF token (303), then a new login;
 *   <li>{@code csrf-missing}: the same without the token (403);
 *   <li>{@code login}: a form login (302 to the page asked for);
 *   <li>{@code refresh}: a refresh-token rotation (200); the spent token again (400);
 *   <li>{@code bearer-logout}: a password grant, its logout (204), the token afterwards (401);
 *   <li>{@code forced-logout}: the admin logs the worker's user out everywhere (200), after which
 *       its session is gone (302) and its refresh token refused (400).
 * </ul>
 *
 * Writes one line per kind: requests, unexpected answers, 5xx, p50 and p99 in ms. Loopback only;
 * stops by itself.
 */
public final class Soak {

  public static final String PASSWORD = "soak-password";

  enum Kind {
    PAGE(30),
    REPEATED(24),
    FRESH(10),
    INVALID(8),
    CSRF_POST(3),
    CSRF_MISSING(3),
    LOGIN(0), // follows csrf-post and forced-logout
    REFRESH(12),
    BEARER_LOGOUT(5),
    FORCED_LOGOUT(1),
    GRANT(0); // the password grants the others need

    final int weight;

    Kind(int weight) {
      this.weight = weight;
    }
  }

  /** What HAProxy answers itself when a node dies under a request (no X-Pathauth-Node header). */
  private static final Set<Integer> BALANCER_FAILURES = Set.of(502, 503, 504);

  private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  private final URI base;
  private final PrivateKey key;
  private final String repeated;
  private final String adminToken;
  private final long deadline;

  private Soak(URI base, PrivateKey key, long seconds) {
    this.base = base;
    this.key = key;
    this.repeated = DevTokens.token(key, "alice", Set.of("user"), 4 * 3600);
    this.adminToken = DevTokens.token(key, "soakadmin", Set.of("user", "admin"), 4 * 3600);
    this.deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
  }

  public static void main(String[] args) throws Exception {
    if (args[0].equals("prep")) {
      Files.writeString(Path.of(args[1]), passwordHash() + System.lineSeparator());
      return;
    }
    URI base = URI.create(args[1]);
    PrivateKey key = DevTokens.readPrivateKey(Path.of(args[2]).resolve("private.pem"));
    Result result = run(base, key, Long.parseLong(args[3]), Integer.parseInt(args[4]));
    System.out.print(result.report());
    if (args.length > 5) {
      Files.writeString(Path.of(args[5]), result.report());
    }
    result.samples().forEach(u -> System.err.println("unexpected: " + u));
    if (result.unexpected() > 0 || result.failed() > 0) {
      System.exit(1);
    }
  }

  /** The soak users' password as the demo store takes it: PBKDF2, 1,000 iterations. */
  public static String passwordHash() throws IOException {
    try {
      return DevTokens.pbkdf2(PASSWORD.toCharArray(), 1000);
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  /** What a run came to: its table, answers that were wrong, requests that got none. */
  public record Result(String report, long unexpected, long failed, List<String> samples) {}

  /**
   * Runs {@code workers} workers (users {@code soak0…}) against {@code base} for {@code seconds}.
   */
  public static Result run(URI base, PrivateKey key, long seconds, int workers)
      throws InterruptedException {
    Soak soak =
        new Soak(URI.create(base.toString().endsWith("/") ? base + "" : base + "/"), key, seconds);
    List<Worker> all = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      Worker w = soak.new Worker("soak" + i);
      all.add(w);
      Thread t = new Thread(w, "soak-" + i);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join(Duration.ofSeconds(seconds + 120).toMillis());
      if (t.isAlive()) {
        throw new IllegalStateException(t.getName() + " did not stop");
      }
    }
    return new Result(
        report(all),
        all.stream().mapToLong(w -> w.unexpected.size()).sum(),
        all.stream().flatMap(w -> w.failed.values().stream()).mapToLong(f -> f[0]).sum(),
        all.stream().flatMap(w -> w.unexpected.stream()).limit(20).map(String::valueOf).toList());
  }

  private static String report(List<Worker> workers) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "%-14s %10s %10s %6s %7s %8s %8s%n",
            "kind", "requests", "unexpected", "5xx", "failed", "p50 ms", "p99 ms"));
    long total = 0;
    for (Kind k : Kind.values()) {
      long[] all =
          workers.stream()
              .flatMapToLong(w -> Arrays.stream(w.latencies.get(k).toArray()))
              .sorted()
              .toArray();
      long unexpected =
          workers.stream().flatMap(w -> w.unexpected.stream()).filter(u -> u.kind == k).count();
      long server = workers.stream().mapToLong(w -> w.serverErrors.get(k)[0]).sum();
      long failedRequests = workers.stream().mapToLong(w -> w.failed.get(k)[0]).sum();
      total += all.length;
      b.append(
          String.format(
              "%-14s %10d %10d %6d %7d %8.1f %8.1f%n",
              k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
              all.length,
              unexpected,
              server,
              failedRequests,
              percentile(all, 0.50),
              percentile(all, 0.99)));
    }
    b.append(String.format("%-14s %10d%n", "total", total));
    Map<String, Long> statuses = new TreeMap<>();
    for (Worker w : workers) {
      w.statuses.forEach((s, n) -> statuses.merge(s, n, Long::sum));
    }
    b.append("statuses: ")
        .append(
            statuses.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" ")))
        .append(System.lineSeparator());
    return b.toString();
  }

  private static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sortedNanos.length - 1, Math.ceil(p * sortedNanos.length) - 1);
    return sortedNanos[Math.max(0, i)] / 1e6;
  }

  record Unexpected(Kind kind, String what, int status, String body) {
    @Override
    public String toString() {
      return kind + " " + what + ": " + status + " " + body;
    }
  }

  /** A growable array of longs (latencies in ns). */
  static final class Longs {
    private long[] values = new long[1024];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }

  /** One connection's worth of traffic, for one user of its own. */
  final class Worker implements Runnable {
    private final String user;
    private final HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    final Map<Kind, Longs> latencies = new EnumMap<>(Kind.class);
    final Map<Kind, long[]> serverErrors = new EnumMap<>(Kind.class);
    final Map<Kind, long[]> failed = new EnumMap<>(Kind.class);
    final Map<String, Long> statuses = new TreeMap<>();
    final List<Unexpected> unexpected = new ArrayList<>();
    private String session; // JSESSIONID of the user's login, or null
    private String csrf;
    private String refreshToken;
    private int fresh;

    Worker(String user) {
      this.user = user;
      for (Kind k : Kind.values()) {
        latencies.put(k, new Longs());
        serverErrors.put(k, new long[1]);
        failed.put(k, new long[1]);
      }
    }

    @Override
    public void run() {
      int totalWeight = Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
      while (System.nanoTime() < deadline) {
        int r = ThreadLocalRandom.current().nextInt(totalWeight);
        Kind kind = Kind.PAGE;
        for (Kind k : Kind.values()) {
          if (r < k.weight) {
            kind = k;
            break;
          }
          r -= k.weight;
        }
        try {
          if (session == null) {
            login();
          }
          step(kind);
        } catch (IOException e) {
          // no answer (a node killed under load): counted as failed, and the worker starts over
          failed.get(kind)[0]++;
          session = null;
          refreshToken = null;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          unexpected.add(new Unexpected(kind, "exception", 0, String.valueOf(e)));
          session = null;
          refreshToken = null;
        }
      }
    }

    private void step(Kind kind) throws IOException, InterruptedException {
      switch (kind) {
        case PAGE -> expect(kind, "page", get("app/home", "Cookie", cookie()), 200);
        case REPEATED ->
            expect(
                kind, "repeated", get("api/ping/jwt", "Authorization", "Bearer " + repeated), 200);
        case FRESH -> {
          String token = DevTokens.token(key, user + "-fresh-" + fresh++, Set.of("user"), 600);
          expect(kind, "fresh", get("api/ping/jwt", "Authorization", "Bearer " + token), 200);
        }
        case INVALID -> {
          String token =
              switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> "garbage";
                case 1 -> DevTokens.token(key, user, Set.of("user"), -120);
                default -> repeated.substring(0, repeated.length() - 4) + "AAAA";
              };
          expect(kind, "invalid", get("api/ping/jwt", "Authorization", "Bearer " + token), 401);
        }
        case CSRF_POST -> {
          expect(kind, "logout", post("app/logout", Map.of("csrf_token", csrf), cookie()), 303);
          session = null;
          login();
        }
        case CSRF_MISSING -> expect(kind, "no token", post("app/logout", Map.of(), cookie()), 403);
        case REFRESH -> {
          if (refreshToken == null && !grant()) {
            return; // the grant got no token: counted there
          }
          String spent = refreshToken;
          HttpResponse<String> r =
              post(
                  "auth/token",
                  Map.of("grant_type", "refresh_token", "refresh_token", spent),
                  null);
          if (expect(kind, "rotate", r, 200)) {
            refreshToken = json(r).getString("refresh_token");
            HttpResponse<String> again =
                post(
                    "auth/token",
                    Map.of("grant_type", "refresh_token", "refresh_token", spent),
                    null);
            expect(kind, "spent again", again, 400);
            refreshToken = null; // reuse revoked the family: the next rotation starts a new one
          }
        }
        case BEARER_LOGOUT -> {
          Optional<JsonObject> tokens = grantTokens();
          if (tokens.isEmpty()) {
            return; // the grant got no token: counted there
          }
          String access = tokens.get().getString("access_token");
          expect(
              kind,
              "logout",
              send(HttpRequest.newBuilder(uri("auth/logout")).POST(noBody()), "Bearer " + access),
              204);
          expect(kind, "after logout", get("api/me", "Authorization", "Bearer " + access), 401);
        }
        case FORCED_LOGOUT -> {
          if (refreshToken == null && !grant()) {
            return; // the grant got no token: counted there
          }
          HttpResponse<String> r =
              send(
                  HttpRequest.newBuilder(uri("admin/users/" + user + "/logout")).POST(noBody()),
                  "Bearer " + adminToken);
          expect(kind, "forced", r, 200);
          expect(kind, "session after", get("app/home", "Cookie", cookie()), 302);
          expect(
              kind,
              "refresh after",
              post(
                  "auth/token",
                  Map.of("grant_type", "refresh_token", "refresh_token", refreshToken),
                  null),
              400);
          refreshToken = null;
          session = null;
          Thread.sleep(1100); // tokens issued in the same second as the forced logout are refused
          login();
        }
        default -> throw new IllegalStateException(kind.name());
      }
    }

    private void login() throws IOException, InterruptedException {
      HttpResponse<String> first = get("app/home", "X-Soak", "login");
      expect(Kind.LOGIN, "page before login", first, 302);
      String saved = cookieValue(first, "pathauth-saved-url").orElse("");
      HttpResponse<String> r =
          post(
              "app/login",
              Map.of("j_username", user, "j_password", PASSWORD),
              "pathauth-saved-url=" + saved);
      if (expect(Kind.LOGIN, "login", r, 302)) {
        session = cookieValue(r, "JSESSIONID").orElse(null);
        HttpResponse<String> home = get("app/home", "Cookie", cookie());
        Matcher m = CSRF.matcher(home.body());
        if (expect(Kind.LOGIN, "home after login", home, 200) && m.find()) {
          csrf = m.group(1);
        }
      }
    }

    /** A password grant for this worker's refresh token; false when it got none. */
    private boolean grant() throws IOException, InterruptedException {
      refreshToken = grantTokens().map(t -> t.getString("refresh_token", null)).orElse(null);
      return refreshToken != null;
    }

    /**
     * The tokens of a password grant, or empty when it was answered otherwise (counted as
     * unexpected, or as failed when the balancer answered).
     */
    private Optional<JsonObject> grantTokens() throws IOException, InterruptedException {
      HttpResponse<String> r =
          post(
              "auth/token",
              Map.of("grant_type", "password", "username", user, "password", PASSWORD),
              null);
      return expect(Kind.GRANT, "password grant", r, 200) ? Optional.of(json(r)) : Optional.empty();
    }

    private String cookie() {
      return "JSESSIONID=" + session;
    }

    private boolean expect(Kind kind, String what, HttpResponse<String> r, int status) {
      statuses.merge(
          kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + r.statusCode(), 1L, Long::sum);
      if (BALANCER_FAILURES.contains(r.statusCode())
          && r.headers().firstValue("X-Pathauth-Node").isEmpty()) {
        // the balancer's own answer for a request in flight on a node that died: failed, not wrong
        failed.get(kind)[0]++;
        session = null;
        return false;
      }
      if (r.statusCode() >= 500) {
        serverErrors.get(kind)[0]++;
      }
      if (r.statusCode() != status) {
        if (unexpected.size() < 1000) {
          String body = r.body() == null ? "" : r.body();
          unexpected.add(
              new Unexpected(
                  kind, what, r.statusCode(), body.substring(0, Math.min(200, body.length()))));
        }
        return false;
      }
      return true;
    }

    private URI uri(String path) {
      return base.resolve(path);
    }

    private HttpResponse<String> get(String path, String header, String value)
        throws IOException, InterruptedException {
      return timed(HttpRequest.newBuilder(uri(path)).GET().header(header, value));
    }

    private HttpResponse<String> post(String path, Map<String, String> form, String cookie)
        throws IOException, InterruptedException {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(uri(path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(Http.form(form)));
      if (cookie != null) {
        b.header("Cookie", cookie);
        b.header("Origin", base.getScheme() + "://" + base.getAuthority());
      }
      return timed(b);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String authorization)
        throws IOException, InterruptedException {
      return timed(b.header("Authorization", authorization));
    }

    private HttpResponse<String> timed(HttpRequest.Builder b)
        throws IOException, InterruptedException {
      long start = System.nanoTime();
      HttpResponse<String> r =
          client.send(
              b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
      latencies.get(current(r)).add(System.nanoTime() - start);
      return r;
    }

    /** The kind a request belongs to, by its path (for the latency table). */
    private Kind current(HttpResponse<String> r) {
      String path = r.uri().getPath();
      String auth = r.request().headers().firstValue("Authorization").orElse("");
      if (path.endsWith("/app/login") || r.request().headers().firstValue("X-Soak").isPresent()) {
        return Kind.LOGIN;
      }
      if (path.endsWith("/app/logout")) {
        return r.request().bodyPublisher().map(p -> p.contentLength() > 0).orElse(false)
            ? Kind.CSRF_POST
            : Kind.CSRF_MISSING;
      }
      if (path.endsWith("/app/home")) {
        return Kind.PAGE;
      }
      if (path.contains("/admin/")) {
        return Kind.FORCED_LOGOUT;
      }
      if (path.endsWith("/auth/logout") || path.endsWith("/api/me")) {
        return Kind.BEARER_LOGOUT;
      }
      if (path.endsWith("/auth/token")) {
        return Kind.REFRESH;
      }
      if (auth.equals("Bearer " + repeated)) {
        return Kind.REPEATED;
      }
      return r.statusCode() == 401 ? Kind.INVALID : Kind.FRESH;
    }

    private JsonObject json(HttpResponse<String> r) {
      return Json.createReader(new StringReader(r.body())).readObject();
    }

    private Optional<String> cookieValue(HttpResponse<String> r, String name) {
      return r.headers().allValues("Set-Cookie").stream()
          .filter(c -> c.startsWith(name + "="))
          .map(
              c -> c.substring(name.length() + 1, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
          .filter(v -> !v.isEmpty() && !v.equals("\"\""))
          .findFirst();
    }

    private HttpRequest.BodyPublisher noBody() {
      return HttpRequest.BodyPublishers.noBody();
    }
  }
}
