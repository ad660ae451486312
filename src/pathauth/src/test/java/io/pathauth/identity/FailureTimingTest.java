package io.pathauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The floor a failed password check is held to, on a fake clock. */
class FailureTimingTest {

  private static final long MS = 1_000_000L;

  private long now = 1_000 * MS;
  private final List<Long> waits = new ArrayList<>();
  private final FailureTiming timing =
      new FailureTiming(
          () -> now,
          (deadline, clock) -> {
            waits.add(deadline - now);
            now = deadline;
          });

  private void succeed(long tookMs) {
    long start = timing.start();
    now += tookMs * MS;
    timing.succeeded(start);
  }

  /** A failed check that took {@code tookMs}: how long it lasted in the end, in ms. */
  private long fail(long tookMs) {
    long start = timing.start();
    now += tookMs * MS;
    timing.failed(start);
    return (now - start) / MS;
  }

  @Test
  void whenKnownUsersTakeAHashToCheck_thenAnUnknownUsersFastFailureLastsAsLong() {
    for (int i = 0; i < 10; i++) {
      succeed(20);
    }
    assertEquals(20, fail(1), "an unknown user, answered at once");
    assertEquals(20, fail(19), "a wrong password, one hash");
    assertEquals(25, fail(25), "a slower check is never shortened");
  }

  @Test
  void whenUnknownNamesFloodTheStore_thenTheFloorLearnedFromSuccessesHolds() {
    for (int i = 0; i < 10; i++) {
      succeed(20);
    }
    for (int i = 0; i < 1000; i++) {
      fail(1);
    }
    assertEquals(20, fail(1));
    assertEquals(20 * MS, timing.floor());
  }

  @Test
  void whenNoOneHasLoggedInYet_thenTheSlowestFailureIsTheFloorAndNeverFalls() {
    assertEquals(1, fail(1));
    assertEquals(30, fail(30), "a wrong password of a known user");
    for (int i = 0; i < 100; i++) {
      assertEquals(30, fail(1), "unknown names cannot pull the floor down");
    }
  }

  @Test
  void whenTheFailuresAreSlowerThanTheSuccesses_thenTheFloorFollowsTheFailures() {
    for (int i = 0; i < 10; i++) {
      succeed(5);
    }
    for (int i = 0; i < 20; i++) {
      fail(i % 2 == 0 ? 40 : 1); // a store whose wrong password costs more than a login
    }
    assertEquals(40, fail(1));
  }

  @Test
  void whenTheStoreStalls_thenAFailureWaitsNoLongerThanTheCap() {
    long start = timing.start();
    now += 10_000 * MS;
    timing.failed(start);
    assertTrue(waits.isEmpty());
    assertEquals(FailureTiming.CAP_NANOS, timing.floor());
    long before = now;
    fail(1);
    assertEquals(FailureTiming.CAP_NANOS, now - before);
  }

  @Test
  void whenOnlyTheLastChecksCount_thenTheFloorFollowsAStoreThatGotFaster() {
    for (int i = 0; i < 100; i++) {
      succeed(50);
    }
    for (int i = 0; i < FailureTiming.SAMPLES; i++) {
      succeed(10);
    }
    for (int i = 0; i < FailureTiming.SAMPLES; i++) {
      fail(10);
    }
    assertEquals(10 * MS, timing.floor());
  }

  @Test
  void whenRealTimePasses_thenTheDefaultSleeperWaitsOutTheFloor() {
    FailureTiming real = new FailureTiming();
    long start = real.start();
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    real.succeeded(start);
    long t0 = System.nanoTime();
    real.failed(real.start());
    assertTrue(System.nanoTime() - t0 >= real.floor(), "waited the floor out");
  }
}
