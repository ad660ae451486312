package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.identity.IdentityUnavailableException;
import io.pathauth.identity.PasswordCheck;
import io.pathauth.support.FakeRequests;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The login shared by the form login and the password grant, without a server. */
class PasswordLoginTest {

  private final List<SecurityEvent> audit = new ArrayList<>();
  private final List<String> checked = new ArrayList<>();

  private final PasswordCheck passwords =
      (user, password, request) -> {
        checked.add(user);
        if (user.equals("down")) {
          throw new IdentityUnavailableException("directory down", null);
        }
        return user.equals("alice") && password.equals("right")
            ? new CredentialValidationResult("alice", Set.of("user"))
            : CredentialValidationResult.INVALID_RESULT;
      };

  private final PasswordLogin login =
      new PasswordLogin(
          passwords,
          new LocalLoginThrottle(2, 100, 900, Clock.systemUTC()),
          new SecurityEvents(audit::add));

  private static HttpServletRequest request() {
    Map<String, Object> getters = new HashMap<>(Map.of("getRemoteAddr", "127.0.0.1"));
    getters.put("getAttribute", null); // no path rule recorded
    return FakeRequests.of(getters);
  }

  private static String reasons(List<SecurityEvent> events) {
    return String.join(",", events.stream().map(SecurityEvent::reason).toList());
  }

  @Test
  void whenThePasswordIsRight_thenValidWithTheGroupsAndASuccessEvent() {
    PasswordLogin.Outcome o = login.attempt("alice", "right", request(), "test");
    assertEquals(
        Set.of("user"), assertInstanceOf(PasswordLogin.Valid.class, o).result().getCallerGroups());
    assertEquals(1, audit.size());
    assertEquals(true, audit.get(0).success());
  }

  @Test
  void whenThePasswordIsWrongOrTheUserUnknown_thenTheSameInvalidOutcome() {
    assertInstanceOf(PasswordLogin.Invalid.class, login.attempt("alice", "wrong", request(), "t"));
    assertInstanceOf(PasswordLogin.Invalid.class, login.attempt("nobody", "x", request(), "t"));
    assertEquals("invalid_credentials,invalid_credentials", reasons(audit));
  }

  @Test
  void whenTheAccountIsThrottled_thenThePasswordIsNotCheckedAtAll() {
    login.attempt("alice", "wrong", request(), "t");
    login.attempt("alice", "wrong", request(), "t");
    PasswordLogin.Outcome o = login.attempt("alice", "right", request(), "t");
    assertInstanceOf(PasswordLogin.Throttled.class, o);
    assertEquals(List.of("alice", "alice"), checked, "the third attempt never reached the store");
    assertEquals("invalid_credentials,invalid_credentials,throttled", reasons(audit));
  }

  @Test
  void whenTheStoreCannotAnswer_thenUnavailableNotAFailedPassword() {
    assertInstanceOf(PasswordLogin.Unavailable.class, login.attempt("down", "x", request(), "t"));
    assertEquals("unavailable", reasons(audit));
  }
}
