package io.pathauth.it.security;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Browser;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends 10,000 mutated {@code Authorization} headers and cookies to protected paths of the live
 * server (loopback only, bounded in count and time): no answer may be a 5xx, and none may be a 200.
 * The seed is printed so a failure can be replayed with {@code -Dpathauth.fuzz.seed=...}.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FuzzIT {

  /**
   * Liberty's JSESSIONID is a 4-character cache ID, the 23-character ID, then ":" and a clone ID.
   */
  private static final int LIBERTY_SESSION_ID_END = 4 + 23;

  private static final int REQUESTS = Integer.getInteger("pathauth.fuzz.requests", 10_000);
  private static final String PRINTABLE =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ \t%\"{}[]:,;";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Scenarios.demo();
  }

  @ArquillianResource URL base;

  @Test
  void whenTenThousandMutatedCredentialsArrive_thenNo5xxAndNo200() throws Exception {
    long seed = Long.getLong("pathauth.fuzz.seed", System.nanoTime());
    Random random = new Random(seed);
    Browser browser = new Browser(base);
    browser.login(ALICE, ALICE_PASSWORD);
    String session = browser.sessionId();
    String[] tokens = {Tokens.valid("alice", "user"), Tokens.valid("bob", "user", "admin")};
    List<String> paths = List.of("api/me", "api/admin", "admin/users/bob", "app/home", "app/admin");

    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Semaphore inFlight = new Semaphore(16);
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<String> bad = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger sent = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(100);
    List<CompletableFuture<?>> pending = new ArrayList<>();

    while (sent.get() < REQUESTS && System.nanoTime() < deadline) {
      String token = tokens[random.nextInt(tokens.length)];
      String path = paths.get(random.nextInt(paths.size()));
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(base.toString()).resolve(path))
              .timeout(Duration.ofSeconds(20));
      String description;
      int kind = random.nextInt(4);
      if (kind < 2) {
        String mutated = mutate(token, random);
        if (sameDecoded(mutated, token)) {
          continue; // not a mutation: the same bytes, validly signed
        }
        String header = prefix(random) + mutated;
        description = "Authorization: " + abbreviate(header);
        b.header("Authorization", header);
      } else if (kind == 2) {
        String id = cookieValue(mutate(session, random));
        if (id.length() >= LIBERTY_SESSION_ID_END
            && id.substring(4, LIBERTY_SESSION_ID_END)
                .equals(session.substring(4, LIBERTY_SESSION_ID_END))) {
          continue; // Liberty reads only the 23-character session ID: the same session
        }
        String cookie =
            "JSESSIONID="
                + id
                + (random.nextBoolean() ? "; LtpaToken2=" + randomText(random, 200) : "");
        description = "Cookie: " + abbreviate(cookie);
        b.header("Cookie", cookie);
      } else {
        String mutated = mutate(token, random);
        if (sameDecoded(mutated, token)) {
          continue;
        }
        description = "both: " + abbreviate(mutated);
        b.header("Authorization", "Bearer " + mutated)
            .header(
                "Cookie",
                "Bearer="
                    + cookieValue(mutated)
                    + "; JSESSIONID="
                    + cookieValue(randomText(random, 30)));
      }
      HttpRequest request;
      try {
        request = b.GET().build();
      } catch (IllegalArgumentException notSendable) {
        continue; // the HTTP client refuses the header value itself
      }
      inFlight.acquire();
      sent.incrementAndGet();
      String what = path + " " + description + " | full: " + request.headers().map();
      pending.add(
          client
              .sendAsync(request, HttpResponse.BodyHandlers.discarding())
              .whenComplete(
                  (r, t) -> {
                    inFlight.release();
                    if (t != null) {
                      bad.add("transport error " + t + " for " + what);
                      return;
                    }
                    statuses
                        .computeIfAbsent(r.statusCode(), k -> new AtomicInteger())
                        .incrementAndGet();
                    if (r.statusCode() >= 500 || r.statusCode() == 200) {
                      bad.add(r.statusCode() + " for " + what);
                    }
                  }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(t -> null)
        .get(60, TimeUnit.SECONDS);

    System.out.println(
        "pathauth fuzz: seed " + seed + ", sent " + sent.get() + ", statuses " + statuses);
    assertEquals(REQUESTS, sent.get(), "all requests sent in time (seed " + seed + ")");
    assertTrue(bad.isEmpty(), "seed " + seed + ": " + bad.subList(0, Math.min(20, bad.size())));
    assertEquals(200, browser.get("app/home").statusCode(), "the real session still works");
  }

  private static String prefix(Random r) {
    String[] p = {
      "Bearer ",
      "Bearer ",
      "Bearer ",
      "bearer ",
      "BEARER ",
      "Bearer  ",
      "Bearer\t",
      "Basic ",
      "",
      "Bearer"
    };
    return p[r.nextInt(p.length)];
  }

  /** One to three random edits: replace, delete, insert, truncate, duplicate or swap segments. */
  static String mutate(String s, Random r) {
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(3);
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(8)) {
        case 0, 1 -> b.setCharAt(at, PRINTABLE.charAt(r.nextInt(PRINTABLE.length())));
        case 2 -> b.deleteCharAt(at);
        case 3 -> b.insert(at, randomText(r, 1 + r.nextInt(8)));
        case 4 -> b.setLength(at);
        case 5 -> {
          String[] parts = b.toString().split("\\.", -1);
          List<String> l = new ArrayList<>(Arrays.asList(parts));
          l.add(r.nextInt(l.size() + 1), l.get(r.nextInt(l.size())));
          b = new StringBuilder(String.join(".", l));
        }
        case 6 -> {
          String[] parts = b.toString().split("\\.", -1);
          if (parts.length >= 2) {
            int x = r.nextInt(parts.length);
            int y = r.nextInt(parts.length);
            String t = parts[x];
            parts[x] = parts[y];
            parts[y] = t;
          }
          b = new StringBuilder(String.join(".", parts));
        }
        default -> b.append(randomText(r, r.nextInt(3) == 0 ? 9000 : 20));
      }
    }
    return b.toString();
  }

  /**
   * Keeps a mutated cookie value within RFC 6265's cookie-octets. Open Liberty 26.0.0.3 answers a
   * session cookie that opens a quoted value without closing it ({@code JSESSIONID="}) with a 500
   * before any application code runs (an NPE in its session affinity code, reached from Weld's
   * request listener); see README, "Known server behaviour". Header values keep the full alphabet.
   */
  static String cookieValue(String value) {
    return value
        .replace("\"", "")
        .replace(",", "")
        .replace(";", "")
        .replace("\\", "")
        .replace(" ", "")
        .replace("\t", "");
  }

  static String randomText(Random r, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(PRINTABLE.charAt(r.nextInt(PRINTABLE.length())));
    }
    return b.toString();
  }

  /**
   * Whether a mutation is really the same token: equal once the white space HTTP strips around a
   * header value is gone (RFC 9110 §5.5), or decoding to the same bytes (a non-canonical base64
   * edit of the last character).
   */
  static boolean sameDecoded(String mutated, String b) {
    String a = mutated.strip();
    if (a.equals(b)) {
      return true;
    }
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    if (x.length != y.length) {
      return false;
    }
    try {
      for (int i = 0; i < x.length; i++) {
        if (!Arrays.equals(
            Base64.getUrlDecoder().decode(x[i]), Base64.getUrlDecoder().decode(y[i]))) {
          return false;
        }
      }
      return true;
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 120 ? s.substring(0, 120) + "…(" + s.length() + ")" : s;
  }
}
