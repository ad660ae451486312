package io.pathauth.identity;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Makes a failed password check take as long as a check of a known user takes, whatever the store:
 * a store may answer an unknown user name at once (Jakarta Security's database store when its query
 * finds no row, an LDAP store when its search finds no entry) while a wrong password costs a hash
 * verification or a bind, and the difference would tell which user names exist.
 *
 * <p>The floor is learned from the store itself: the 90th percentile of the last {@value #SAMPLES}
 * successful checks and of the last {@value #SAMPLES} failed ones, whichever is higher, never more
 * than {@link #CAP_NANOS}. A failed check that came back sooner waits out the rest. Successful
 * checks come from real users, so flooding unknown names cannot pull the floor down; until the
 * first success the floor is the slowest failed check seen (it only rises). Only how long checks
 * took is kept, never a user name or a password.
 */
public final class FailureTiming {

  /** How many recent checks of each outcome the floor is learned from. */
  public static final int SAMPLES = 32;

  /** The longest a failed check is made to last (a slow or stalled store must not hold it). */
  public static final long CAP_NANOS = 2_000_000_000L;

  /** Waits; replaceable in tests. */
  @FunctionalInterface
  public interface Sleeper {
    void sleepUntil(long deadlineNanos, LongSupplier clock);
  }

  private final LongSupplier clock;
  private final Sleeper sleeper;
  private final long[] successes = new long[SAMPLES];
  private final long[] failures = new long[SAMPLES];
  private int successCount;
  private int failureCount;
  private long slowestFailure;

  public FailureTiming() {
    this(System::nanoTime, FailureTiming::park);
  }

  public FailureTiming(LongSupplier clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
  }

  /** When a check starts ({@link System#nanoTime()} by default). */
  public long start() {
    return clock.getAsLong();
  }

  /** A check that started at {@code start} succeeded. */
  public void succeeded(long start) {
    long took = Math.min(clock.getAsLong() - start, CAP_NANOS);
    synchronized (this) {
      successes[successCount++ % SAMPLES] = took;
      if (successCount >= 2 * SAMPLES) {
        successCount -= SAMPLES; // stays >= SAMPLES: "the ring is full"
      }
    }
  }

  /** A check that started at {@code start} failed: returns once it has lasted the floor. */
  public void failed(long start) {
    long took = Math.min(clock.getAsLong() - start, CAP_NANOS);
    long floor;
    synchronized (this) {
      failures[failureCount++ % SAMPLES] = took;
      if (failureCount >= 2 * SAMPLES) {
        failureCount -= SAMPLES;
      }
      if (successCount == 0) {
        slowestFailure = Math.max(slowestFailure, took);
      }
      floor = floor();
    }
    if (clock.getAsLong() - start < floor) {
      sleeper.sleepUntil(start + floor, clock);
    }
  }

  /** How long a failed check lasts at least now, in nanoseconds. */
  public synchronized long floor() {
    long floor = Math.max(p90(successes, successCount), p90(failures, failureCount));
    if (successCount == 0) {
      floor = Math.max(floor, slowestFailure);
    }
    return Math.min(floor, CAP_NANOS);
  }

  private static long p90(long[] ring, int count) {
    int n = Math.min(count, SAMPLES);
    if (n == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(ring, n);
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(0.9 * n) - 1];
  }

  /** Parks until the deadline (finer than {@code Thread.sleep}'s milliseconds). */
  private static void park(long deadlineNanos, LongSupplier clock) {
    long left;
    while ((left = deadlineNanos - clock.getAsLong()) > 0) {
      LockSupport.parkNanos(left);
      if (Thread.currentThread().isInterrupted()) {
        return; // the flag stays set for the caller
      }
    }
  }
}
