package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.testing.MutableClock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimestampCheckTest {

  private final MutableClock clock = new MutableClock();
  private final long now = clock.instant().getEpochSecond();

  private String problem(TimestampCheck check, ClaimsToken jwt) {
    return assertThrows(InvalidBearerTokenException.class, () -> check.check(jwt))
        .error()
        .description();
  }

  @Test
  void whenTheTokenExpiresWithinTheSkew_thenItStillHoldsAndThenNot() {
    TimestampCheck check = new TimestampCheck(60, OptionalLong.empty(), clock);
    ClaimsToken jwt = ClaimsToken.of("alice", now - 100, now - 30);
    assertTrue(check.holds(jwt), "30 s past exp, 60 s skew");
    clock.advance(Duration.ofSeconds(30));
    assertFalse(check.holds(jwt));
    assertEquals("The token has expired", problem(check, jwt));
  }

  @Test
  void whenNotBeforeIsAhead_thenNotYetValid() {
    TimestampCheck check = new TimestampCheck(0, OptionalLong.empty(), clock);
    ClaimsToken jwt = ClaimsToken.of("alice", now, now + 600).with("nbf", now + 5);
    assertEquals("The token is not yet valid", problem(check, jwt));
    clock.advance(Duration.ofSeconds(5));
    check.check(jwt);
  }

  @Test
  void whenTheTokenIsOlderThanTheMaximumAge_thenTooOld() {
    TimestampCheck check = new TimestampCheck(0, OptionalLong.of(60), clock);
    ClaimsToken jwt = ClaimsToken.of("alice", now - 59, now + 600);
    check.check(jwt);
    clock.advance(Duration.ofSeconds(1));
    assertEquals("The token is too old", problem(check, jwt));
  }

  @Test
  void whenIssuedAfterItExpires_thenRefused() {
    TimestampCheck check = new TimestampCheck(60, OptionalLong.empty(), clock);
    assertEquals(
        "The token is issued after it expires",
        problem(check, ClaimsToken.of("alice", now + 100, now + 50)));
  }
}
