package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pathauth.audit.SecurityEvents;
import io.pathauth.identity.FailureTiming;
import io.pathauth.identity.PasswordCheck;
import io.pathauth.support.FakeRequests;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The login's time does not tell a known user from an unknown one, with a store that answers an
 * unknown name at once (as Jakarta Security's database store does), on a fake clock.
 */
class PasswordLoginTimingTest {

  private static final long MS = 1_000_000L;

  private long now;

  /** alice's hash takes 20 ms to verify; an unknown name is answered at once. */
  private final PasswordCheck leakyStore =
      (user, password, request) -> {
        if (!user.equals("alice")) {
          return CredentialValidationResult.INVALID_RESULT;
        }
        now += 20 * MS;
        return password.equals("right")
            ? new CredentialValidationResult("alice", Set.of("user"))
            : CredentialValidationResult.INVALID_RESULT;
      };

  private final PasswordLogin login =
      new PasswordLogin(
          leakyStore,
          new LocalLoginThrottle(2, 1000, 900, Clock.systemUTC()),
          new SecurityEvents(e -> {}),
          new FailureTiming(() -> now, (deadline, clock) -> now = deadline));

  private static HttpServletRequest request() {
    Map<String, Object> getters = new HashMap<>(Map.of("getRemoteAddr", "127.0.0.1"));
    getters.put("getAttribute", null);
    return FakeRequests.of(getters);
  }

  private long took(String user, String password, Class<?> outcome) {
    long start = now;
    assertInstanceOf(outcome, login.attempt(user, password, request(), "test"));
    return (now - start) / MS;
  }

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTries_thenBothTakeTheSameTime() {
    assertEquals(20, took("alice", "right", PasswordLogin.Valid.class));
    assertEquals(20, took("alice", "wrong", PasswordLogin.Invalid.class));
    assertEquals(20, took("mallory", "wrong", PasswordLogin.Invalid.class));
  }

  @Test
  void whenAKnownAccountOrAnUnknownNameIsThrottled_thenNeitherIsChecked() {
    took("alice", "right", PasswordLogin.Valid.class);
    for (String user : new String[] {"alice", "mallory"}) {
      took(user, "wrong-1", PasswordLogin.Invalid.class);
      took(user, "wrong-2", PasswordLogin.Invalid.class);
    }
    assertEquals(0, took("alice", "wrong-3", PasswordLogin.Throttled.class));
    assertEquals(0, took("mallory", "wrong-3", PasswordLogin.Throttled.class));
  }
}
