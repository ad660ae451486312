package io.pathauth.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Predicate;

/**
 * Measures whether a login attempt's response time tells a known user from an unknown one: two
 * series of attempts (A: a known user with a wrong password, or a throttled known account; B: an
 * unknown user name, or a throttled unknown name), interleaved pair by pair in ABBA order (the
 * first request of a pair is often slower on a loaded machine, whichever it is), timed at the
 * client around one loopback HTTP request each. Reports the medians and 90th percentiles of both
 * series and the median of the pairwise differences A − B with a bootstrap 95% interval; asserts
 * that the median difference stays within {@link #thresholdMillis()}.
 *
 * <p>{@code -Dpathauth.timing.tries=N} sets the pairs per series (default {@value #DEFAULT_TRIES},
 * enough for a stable median on a noisy 2-core machine within seconds); {@code
 * -Dpathauth.timing.threshold-ms} the limit (default {@value #DEFAULT_THRESHOLD_MS}). Each result
 * is printed and appended to {@code target/timing-parity.txt}.
 */
public final class TimingParity {

  static final int DEFAULT_TRIES = 40;
  static final String DEFAULT_THRESHOLD_MS = "5";
  static final int WARM_UP_PAIRS = 5;
  static final Path REPORT = Path.of("target", "timing-parity.txt");

  private TimingParity() {}

  /** Pairs per series. */
  public static int tries() {
    return Integer.getInteger("pathauth.timing.tries", DEFAULT_TRIES);
  }

  /** The largest median difference accepted, in milliseconds. */
  public static double thresholdMillis() {
    return Double.parseDouble(
        System.getProperty("pathauth.timing.threshold-ms", DEFAULT_THRESHOLD_MS));
  }

  /** What one row of the report says. */
  public record Result(
      String store,
      String path,
      String pair,
      int n,
      double medianA,
      double p90A,
      double medianB,
      double p90B,
      double medianDiff,
      double low,
      double high) {

    static final String HEADER =
        String.format(
            Locale.ROOT,
            "%-14s %-15s %-26s %5s %9s %9s %9s %9s %9s %19s",
            "store",
            "login path",
            "pair (A vs B)",
            "n",
            "med A",
            "p90 A",
            "med B",
            "p90 B",
            "med A-B",
            "95% interval");

    String row() {
      return String.format(
          Locale.ROOT,
          "%-14s %-15s %-26s %5d %9.2f %9.2f %9.2f %9.2f %9.2f %8.2f ..%8.2f",
          store,
          path,
          pair,
          n,
          medianA,
          p90A,
          medianB,
          p90B,
          medianDiff,
          low,
          high);
    }
  }

  /**
   * Runs {@code pairs} ABBA pairs after {@link #WARM_UP_PAIRS} unrecorded ones and asserts parity.
   *
   * @param a attempt {@code i} of series A
   * @param b attempt {@code i} of series B
   * @param expected what every response of both series must be (the same refusal)
   * @param betweenPairs run (untimed) before each pair, e.g. to clear the known account's failures
   */
  public static Result measure(
      String store,
      String path,
      String pair,
      IntFunction<HttpResponse<String>> a,
      IntFunction<HttpResponse<String>> b,
      Predicate<HttpResponse<String>> expected,
      IntConsumerEx betweenPairs) {
    int pairs = tries();
    long[] ta = new long[pairs];
    long[] tb = new long[pairs];
    for (int i = -WARM_UP_PAIRS; i < pairs; i++) {
      betweenPairs.accept(i);
      int k = i + WARM_UP_PAIRS;
      long first;
      long second;
      if (k % 2 == 0) {
        first = time(a, i, expected, "A");
        second = time(b, i, expected, "B");
        if (i >= 0) {
          ta[i] = first;
          tb[i] = second;
        }
      } else {
        first = time(b, i, expected, "B");
        second = time(a, i, expected, "A");
        if (i >= 0) {
          tb[i] = first;
          ta[i] = second;
        }
      }
    }
    Result r = summarize(store, path, pair, ta, tb);
    report(r);
    check(
        Math.abs(r.medianDiff()) <= thresholdMillis(),
        store
            + ", "
            + path
            + ": the median difference "
            + r.medianDiff()
            + " ms exceeds "
            + thresholdMillis()
            + " ms\n"
            + Result.HEADER
            + "\n"
            + r.row());
    return r;
  }

  /** Something run between pairs. */
  @FunctionalInterface
  public interface IntConsumerEx {
    void accept(int i);
  }

  private static long time(
      IntFunction<HttpResponse<String>> attempt,
      int i,
      Predicate<HttpResponse<String>> expected,
      String series) {
    long start = System.nanoTime();
    HttpResponse<String> r = attempt.apply(i);
    long elapsed = System.nanoTime() - start;
    check(
        expected.test(r),
        "series " + series + ", attempt " + i + ": " + r.statusCode() + " " + r.headers().map());
    return elapsed;
  }

  static Result summarize(String store, String path, String pair, long[] ta, long[] tb) {
    int n = ta.length;
    double[] a = millis(ta);
    double[] b = millis(tb);
    double[] diff = new double[n];
    for (int i = 0; i < n; i++) {
      diff[i] = a[i] - b[i];
    }
    Random random = new Random(42);
    double[] medians = new double[2000];
    double[] sample = new double[n];
    for (int r = 0; r < medians.length; r++) {
      for (int i = 0; i < n; i++) {
        sample[i] = diff[random.nextInt(n)];
      }
      medians[r] = percentile(sample, 50);
    }
    return new Result(
        store,
        path,
        pair,
        n,
        percentile(a, 50),
        percentile(a, 90),
        percentile(b, 50),
        percentile(b, 90),
        percentile(diff, 50),
        percentile(medians, 2.5),
        percentile(medians, 97.5));
  }

  private static double[] millis(long[] nanos) {
    return Arrays.stream(nanos).mapToDouble(t -> t / 1e6).toArray();
  }

  /** Nearest-rank percentile (linear between ranks). */
  static double percentile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    double rank = p / 100 * (s.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = (int) Math.ceil(rank);
    return s[lo] + (s[hi] - s[lo]) * (rank - lo);
  }

  private static synchronized void report(Result r) {
    System.out.println("timing parity: " + Result.HEADER);
    System.out.println("timing parity: " + r.row());
    try {
      Files.createDirectories(REPORT.getParent());
      boolean fresh = !Files.exists(REPORT);
      Files.writeString(
          REPORT,
          (fresh ? Result.HEADER + "\n" : "") + r.row() + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A failed check of a measurement (an AssertionError, as a test's assertion would throw). */
  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  /**
   * Where an application takes logins: the form's POST path and the error page it sends a refused
   * login to, and the token endpoint, relative to the application's base URL.
   */
  public record Endpoints(String formPath, String formErrorPage, String tokenPath) {

    /** The demo's: {@code app/login}, {@code login?error=true}, {@code auth/token}. */
    public static final Endpoints DEMO =
        new Endpoints("app/login", "login?error=true", "auth/token");

    /** {@code POST formPath} with the form's fields, no cookie. */
    public HttpResponse<String> formLogin(URL base, String user, String password) {
      return Http.postForm(
          URI.create(base.toString()).resolve(formPath),
          Map.of("j_username", user, "j_password", password));
    }

    /** {@code POST tokenPath} with the password grant. */
    public HttpResponse<String> passwordGrant(URL base, String user, String password) {
      return Http.postForm(
          URI.create(base.toString()).resolve(tokenPath),
          Map.of("grant_type", "password", "username", user, "password", password));
    }

    /** The form login's refusal: to the error page (a throttled attempt gets the same). */
    public boolean formRefused(HttpResponse<String> r) {
      return r.statusCode() == 302
          && r.headers().firstValue("Location").orElse("").endsWith(formErrorPage);
    }

    HttpResponse<String> attempt(URL base, boolean form, String user, String pw) {
      return form ? formLogin(base, user, pw) : passwordGrant(base, user, pw);
    }
  }

  // The standard measurements of a deployment whose per-address limit is raised (the per-account
  // limit stays as configured: the known account's failures are cleared by a successful login
  // every other pair, and every unknown name is new).

  /** The config a timing scenario needs: the per-address limit out of the way. */
  public static final Map<String, String> CONFIG =
      Map.of("pathauth.login.max-failures-per-address", "100000");

  /**
   * A known user with a wrong password (A) vs an unknown user name (B), by form login or password
   * grant.
   */
  public static Result wrongPasswordVsUnknownUser(
      URL base, String store, boolean form, String user, String password) {
    return wrongPasswordVsUnknownUser(Endpoints.DEMO, base, store, form, user, password);
  }

  /** The same, at {@code endpoints}. */
  public static Result wrongPasswordVsUnknownUser(
      Endpoints endpoints, URL base, String store, boolean form, String user, String password) {
    String path = form ? "form login" : "password grant";
    String prefix = "nobody-" + (form ? "f" : "g") + System.nanoTime() + "-";
    return measure(
        store,
        path,
        "known-wrong vs unknown",
        i -> endpoints.attempt(base, form, user, "wrong-password-" + i),
        i -> endpoints.attempt(base, form, prefix + i, "wrong-password-" + i),
        form ? endpoints::formRefused : TimingParity::grantRefused,
        i -> {
          if (i % 2 == 0) {
            HttpResponse<String> ok = endpoints.passwordGrant(base, user, password);
            check(ok.statusCode() == 200, "the known user logs in: " + ok.statusCode());
          }
        });
  }

  /**
   * A throttled known account (A) vs a throttled unknown name (B): both are first refused until the
   * throttle answers 429, then measured by form login or password grant.
   */
  public static Result throttledKnownVsUnknown(
      URL base, String store, boolean form, String user, String unknown) {
    Endpoints endpoints = Endpoints.DEMO;
    for (String name : new String[] {user, unknown}) {
      int tries = 0;
      while (!grantThrottled(endpoints.passwordGrant(base, name, "wrong-password"))) {
        check(++tries < 1000, name + " is never throttled");
      }
    }
    return measure(
        store,
        form ? "form login" : "password grant",
        "throttled known vs unknown",
        i -> endpoints.attempt(base, form, user, "wrong-password-" + i),
        i -> endpoints.attempt(base, form, unknown, "wrong-password-" + i),
        form ? endpoints::formRefused : TimingParity::grantThrottled,
        i -> {});
  }

  public static boolean grantRefused(HttpResponse<String> r) {
    return r.statusCode() == 400 && r.body().contains("invalid_grant");
  }

  public static boolean grantThrottled(HttpResponse<String> r) {
    return r.statusCode() == 429;
  }
}
