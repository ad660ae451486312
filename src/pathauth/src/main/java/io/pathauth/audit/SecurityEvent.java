package io.pathauth.audit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Something security-relevant that happened: what pathauth audits and counts. It never holds a
 * password, a token or a session ID.
 *
 * @param type what happened
 * @param success whether it succeeded (a failed login is {@code LOGIN} with {@code false})
 * @param user the user name given or authenticated; empty when unknown
 * @param address the client's address
 * @param rule the path rule of the request; empty when none matched
 * @param reason a short machine-readable reason for a failure; empty otherwise
 */
public record SecurityEvent(
    Type type, boolean success, String user, String address, String rule, String reason) {

  /** The kinds of event. */
  public enum Type {
    LOGIN,
    LOGOUT,
    TOKEN_ISSUED,
    TOKEN_REFRESHED,
    TOKEN_REVOKED,
    FORCED_LOGOUT,
    TOKEN_REJECTED
  }

  /** The request attribute holding the name of the path rule that matched. */
  public static final String RULE_ATTRIBUTE = SecurityEvent.class.getName() + ".rule";

  public SecurityEvent {
    user = user == null ? "" : user;
    address = address == null ? "" : address;
    rule = rule == null ? "" : rule;
    reason = reason == null ? "" : reason;
  }

  /** An event of {@code request}: its client address and path rule. */
  public static SecurityEvent of(
      Type type, boolean success, String user, HttpServletRequest request, String reason) {
    Object rule = request.getAttribute(RULE_ATTRIBUTE);
    return new SecurityEvent(
        type, success, user, request.getRemoteAddr(), rule instanceof String s ? s : "", reason);
  }
}
