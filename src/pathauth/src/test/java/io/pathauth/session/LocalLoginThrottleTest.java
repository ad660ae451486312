package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalLoginThrottleTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void whenAMillionMadeUpNamesArrive_thenTheTableStaysWithinItsBound() {
    LocalLoginThrottle throttle = new LocalLoginThrottle(5, 1_000_000_000, 900, clock);
    for (int i = 0; i < 1_000_000; i++) {
      throttle.tryAttempt(
          "attacker-" + i, "10." + (i >> 16) + "." + ((i >> 8) & 255) + "." + (i & 255));
    }
    assertTrue(
        throttle.size() <= LocalLoginThrottle.MAX_KEYS,
        "tracked " + throttle.size() + ", bound " + LocalLoginThrottle.MAX_KEYS);
  }

  @Test
  void whenTheTableIsFullOfMadeUpNames_thenAnAccountAlreadyUnderAttackStaysThrottled() {
    LocalLoginThrottle throttle = new LocalLoginThrottle(3, 1_000_000, 900, clock, 100);
    for (int i = 0; i < 3; i++) {
      assertEquals(0, throttle.tryAttempt("alice", "192.0.2.1"));
    }
    for (int i = 0; i < 10_000; i++) {
      throttle.tryAttempt("made-up-" + i, "192.0.2.1");
    }
    assertTrue(throttle.size() <= 100, "bounded: " + throttle.size());
    assertTrue(throttle.tryAttempt("alice", "198.51.100.7") > 0, "alice stays throttled");
  }

  @Test
  void whenTheWindowHasPassed_thenExpiredEntriesMakeRoomForNewOnes() {
    LocalLoginThrottle throttle = new LocalLoginThrottle(1, 1_000_000, 60, clock, 10);
    for (int i = 0; i < 10; i++) {
      throttle.tryAttempt("old-" + i, "192.0.2.1");
    }
    assertEquals(0, throttle.tryAttempt("bob", "192.0.2.1"));
    assertEquals(0, throttle.tryAttempt("bob", "192.0.2.1"), "full: bob was not tracked");
    clock.advance(Duration.ofSeconds(61));
    assertEquals(0, throttle.tryAttempt("bob", "192.0.2.1"));
    assertTrue(throttle.tryAttempt("bob", "192.0.2.1") > 0, "after the purge bob is tracked");
  }

  @Test
  void whenAnAccountFails_thenOnlyItsOwnLimitOfTimesIsKept() {
    LocalLoginThrottle throttle = new LocalLoginThrottle(2, 50, 900, clock);
    throttle.tryAttempt("carol", "192.0.2.9");
    throttle.tryAttempt("carol", "192.0.2.9");
    assertTrue(throttle.tryAttempt("carol", "192.0.2.9") > 0, "third attempt waits");
    throttle.succeeded("carol", "192.0.2.9");
    assertEquals(0, throttle.tryAttempt("carol", "192.0.2.9"), "a success clears the account");
  }
}
