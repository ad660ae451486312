package io.pathauth.session;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.identity.FailureTiming;
import io.pathauth.identity.IdentityUnavailableException;
import io.pathauth.identity.PasswordCheck;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.util.logging.Logger;

/**
 * One password login, for the form login and the token endpoint's password grant alike: the
 * throttle is asked first (an attempt counts before the password is checked, so parallel guesses
 * cannot slip through), then the password check, and every outcome is audited.
 *
 * <p>A known user with a wrong password and an unknown user name take the same time: a failed check
 * lasts at least as long as the store's checks of known users take ({@link FailureTiming}), so a
 * store that answers unknown names at once does not tell which accounts exist. A throttled attempt
 * is refused before any check, the same way for every name.
 */
public final class PasswordLogin {

  /** What a login attempt came to. */
  public sealed interface Outcome {}

  /** The password is right: the caller and its groups. */
  public record Valid(CredentialValidationResult result) implements Outcome {}

  /** A wrong password or an unknown user (the same answer for both). */
  public record Invalid() implements Outcome {}

  /** Too many failed attempts: try again after {@code retryAfterSeconds}. */
  public record Throttled(long retryAfterSeconds) implements Outcome {}

  /** The identity store or registry cannot answer now (503). */
  public record Unavailable() implements Outcome {}

  private static final Logger LOG = Logger.getLogger(PasswordLogin.class.getName());

  private final PasswordCheck passwords;
  private final LoginThrottle throttle;
  private final SecurityEvents events;
  private final FailureTiming timing;

  public PasswordLogin(PasswordCheck passwords, LoginThrottle throttle, SecurityEvents events) {
    this(passwords, throttle, events, new FailureTiming());
  }

  public PasswordLogin(
      PasswordCheck passwords,
      LoginThrottle throttle,
      SecurityEvents events,
      FailureTiming timing) {
    this.passwords = passwords;
    this.throttle = throttle;
    this.events = events;
    this.timing = timing;
  }

  /**
   * Checks {@code password} for {@code username}, both present and non-empty.
   *
   * @param flow names the login in the log ("form login", "password grant")
   */
  public Outcome attempt(
      String username, String password, HttpServletRequest request, String flow) {
    String address = request.getRemoteAddr();
    long retryAfter = throttle.tryAttempt(username, address);
    if (retryAfter > 0) {
      events.record(SecurityEvent.of(Type.LOGIN, false, username, request, "throttled"));
      return new Throttled(retryAfter);
    }
    CredentialValidationResult result;
    long start = timing.start();
    try {
      result = passwords.validate(username, password, request);
    } catch (IdentityUnavailableException e) {
      LOG.warning("pathauth: " + flow + " could not be checked: " + e.getMessage());
      events.record(SecurityEvent.of(Type.LOGIN, false, username, request, "unavailable"));
      return new Unavailable();
    }
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      timing.failed(start);
      LOG.fine(() -> flow + " failed");
      events.record(SecurityEvent.of(Type.LOGIN, false, username, request, "invalid_credentials"));
      return new Invalid();
    }
    timing.succeeded(start);
    throttle.succeeded(username, address);
    events.record(
        SecurityEvent.of(Type.LOGIN, true, result.getCallerPrincipal().getName(), request, ""));
    return new Valid(result);
  }

  /** Audits a login refused before any check (a field missing). */
  public void incomplete(String username, HttpServletRequest request) {
    events.record(SecurityEvent.of(Type.LOGIN, false, username, request, "incomplete"));
  }
}
