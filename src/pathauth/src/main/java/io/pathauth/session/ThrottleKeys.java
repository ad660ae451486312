package io.pathauth.session;

/** The keys both login throttles count failures under: one per account, one per client address. */
final class ThrottleKeys {

  private ThrottleKeys() {}

  /** Long user names are cut, so a guesser cannot make the throttle store huge keys. */
  static String account(String user) {
    return "u:" + (user.length() > 256 ? user.substring(0, 256) : user);
  }

  static String address(String address) {
    return "a:" + address;
  }
}
