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
    long throttleWindowSeconds) {}
