package io.pathauth.session;

/**
 * Slows down password guessing, for the form login and the token endpoint alike. Per account: after
 * {@code pathauth.login.max-failures} failures within {@code pathauth.login.window}, further
 * attempts for that user name wait until the oldest failure leaves the window (the real user is
 * locked out only for a while, never for good). Per client address: the same with a looser limit.
 * Unknown user names are counted like real ones, so the throttle tells nothing about which accounts
 * exist. {@link LocalLoginThrottle} counts in one JVM; {@link SharedLoginThrottle} counts across a
 * cluster.
 */
public interface LoginThrottle {

  /**
   * Counts an attempt before the password is checked, so that parallel guesses cannot all slip
   * through one check.
   *
   * @return 0 when the attempt may go ahead (it is counted), otherwise the seconds to wait (it is
   *     not counted)
   */
  long tryAttempt(String user, String address);

  /** A successful login: the attempt does not count, and the account's failures are cleared. */
  void succeeded(String user, String address);
}
