package io.pathauth.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A plain HTTP/1.1 client on loopback: no redirects followed, cookies handled by the test. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private Http() {}

  /** GET with alternating header names and values. */
  public static HttpResponse<String> get(URI uri, String... headers) {
    return send(HttpRequest.newBuilder(uri).GET(), headers);
  }

  /** POST of an url-encoded form. */
  public static HttpResponse<String> postForm(
      URI uri, Map<String, String> form, String... headers) {
    String body = form(form);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(b, headers);
  }

  /** {@code form} url-encoded, as a form POST's body. */
  public static String form(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  public static HttpResponse<String> send(HttpRequest.Builder builder, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    try {
      return CLIENT.send(
          builder.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** All {@code Set-Cookie} header values. */
  public static List<String> setCookies(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie");
  }

  /** Cookie name to value from the response's {@code Set-Cookie} headers. */
  public static Map<String, String> cookies(HttpResponse<?> response) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String c : setCookies(response)) {
      String pair = c.split(";", 2)[0];
      int eq = pair.indexOf('=');
      m.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return m;
  }

  /** A {@code Cookie} request header value. */
  public static String cookieHeader(Map<String, String> cookies) {
    return cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  /** The {@code WWW-Authenticate} header, or null. */
  public static String challenge(HttpResponse<?> response) {
    return response.headers().firstValue("WWW-Authenticate").orElse(null);
  }
}
