package io.pathauth.config;

/**
 * Settings of the FORM + session mechanism. Every value is an application-relative path (it starts
 * with a single '/'), so no redirect pathauth issues can leave the application's origin.
 *
 * @param loginPage where unauthenticated browsers are sent ({@code pathauth.session.login-page})
 * @param errorPage where a failed login is sent ({@code pathauth.session.error-page})
 * @param landingPage where a login without a remembered URL lands ({@code
 *     pathauth.session.landing-page})
 * @param logoutPath the logout URL pathauth serves ({@code pathauth.session.logout-path})
 * @param logoutRedirect where the browser goes after logout ({@code
 *     pathauth.session.logout-redirect})
 * @param idleTimeoutSeconds {@code pathauth.session.idle-timeout}: default 1800
 * @param absoluteTimeoutSeconds {@code pathauth.session.absolute-timeout}: default 28800
 * @param maxFailuresPerAccount {@code pathauth.login.max-failures}: default 5
 * @param maxFailuresPerAddress {@code pathauth.login.max-failures-per-address}: default 50
 * @param throttleWindowSeconds {@code pathauth.login.window}: default 900
 */
public record SessionSettings(
    String loginPage,
    String errorPage,
    String landingPage,
    String logoutPath,
    String logoutRedirect,
    long idleTimeoutSeconds,
    long absoluteTimeoutSeconds,
    int maxFailuresPerAccount,
    int maxFailuresPerAddress,
    long throttleWindowSeconds) {
  /**
   * Whether {@code path} is how a caller logs in (the login page, the error page, {@code
   * j_security_check}): open to everyone whatever a rule demands, and documented without
   * credentials.
   */
  public boolean isLoginPath(String path) {
    int q = errorPage.indexOf('?');
    return path.equals(loginPage)
        || path.equals(q < 0 ? errorPage : errorPage.substring(0, q))
        || path.endsWith("/j_security_check");
  }

  /** Reads {@code pathauth.session.*} and {@code pathauth.login.*}. */
  public static SessionSettings read(ConfigReader r) {
    String loginPage = r.localPath("pathauth.session.login-page", "/login");
    return new SessionSettings(
        loginPage,
        r.localPath("pathauth.session.error-page", withQuery(loginPage, "error=true")),
        r.localPath("pathauth.session.landing-page", "/"),
        r.plainPath("pathauth.session.logout-path", "/logout"),
        r.localPath("pathauth.session.logout-redirect", withQuery(loginPage, "logout=true")),
        r.positiveSeconds("pathauth.session.idle-timeout", 1800),
        r.positiveSeconds("pathauth.session.absolute-timeout", 28_800),
        r.boundedInt("pathauth.login.max-failures", 5, 1, 1000),
        r.boundedInt("pathauth.login.max-failures-per-address", 50, 1, 100_000),
        r.positiveSeconds("pathauth.login.window", 900));
  }

  private static String withQuery(String path, String parameter) {
    return path + (path.contains("?") ? "&" : "?") + parameter;
  }
}
