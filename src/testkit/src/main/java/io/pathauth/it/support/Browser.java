package io.pathauth.it.support;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal cookie-keeping client, like a browser that does not follow redirects by itself. */
public final class Browser {

  public static final String ALICE = "alice";
  public static final String ALICE_PASSWORD = "alice-dev-password";
  public static final String BOB = "bob";
  public static final String BOB_PASSWORD = "bob-dev-password";

  private final URI base;
  private final Map<String, String> cookies = new LinkedHashMap<>();

  public Browser(URL base) {
    this.base = URI.create(base.toString());
  }

  /** Resolves an application path such as {@code app/home} (no leading slash). */
  public URI uri(String appPath) {
    return base.resolve(appPath);
  }

  public HttpResponse<String> get(String appPath, String... headers) {
    return keep(Http.get(uri(appPath), withCookies(headers)));
  }

  public HttpResponse<String> post(String appPath, Map<String, String> form, String... headers) {
    return keep(Http.postForm(uri(appPath), form, withCookies(headers)));
  }

  /**
   * The FORM flow: a protected page sends the browser to the login page, whose form posts back to
   * the login page's URL. Returns that POST's response (a redirect back to the protected page).
   */
  public HttpResponse<String> login(String user, String password, String... headers) {
    get("app/home");
    return loginDirect(user, password, headers);
  }

  /** Opens the login page directly (a bookmark) and posts its form. */
  public HttpResponse<String> loginDirect(String user, String password, String... headers) {
    get("app/login");
    return post("app/login", Map.of("j_username", user, "j_password", password), headers);
  }

  /** The session's CSRF token, read from the {@code <meta name="csrf-token">} of the home page. */
  public String csrfToken() {
    String page = get("app/home").body();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"").matcher(page);
    if (!m.find()) {
      throw new AssertionError("no CSRF token on the home page: " + page);
    }
    return m.group(1);
  }

  public Map<String, String> cookies() {
    return cookies;
  }

  public String sessionId() {
    return cookies.get("JSESSIONID");
  }

  private HttpResponse<String> keep(HttpResponse<String> response) {
    cookies.putAll(Http.cookies(response));
    return response;
  }

  private String[] withCookies(String[] headers) {
    if (cookies.isEmpty()) {
      return headers;
    }
    String[] all = new String[headers.length + 2];
    System.arraycopy(headers, 0, all, 0, headers.length);
    all[headers.length] = "Cookie";
    all[headers.length + 1] = Http.cookieHeader(cookies);
    return all;
  }
}
