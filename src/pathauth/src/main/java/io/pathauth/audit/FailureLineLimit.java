package io.pathauth.audit;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * How many failure lines the audit log may write: the first {@code perMinute} failures of each kind
 * in a minute, then none until the minute is over, when the next failure of that kind brings one
 * line saying how many were left out. Anyone can send a wrong password or a garbage token as fast
 * as the network allows; one log line each would let them flood the server's log (Liberty then
 * throttles its own log and real messages are lost). The first occurrences stay visible, and the
 * metrics count every failure whatever this limit lets through.
 */
final class FailureLineLimit {

  /** What to write for one failure: the line itself or not, and first a summary of left-outs. */
  record Admission(boolean write, long leftOut, long leftOutSinceMillis) {}

  private static final long MINUTE = 60_000;

  private final int perMinute;
  private final Clock clock;
  private final Map<SecurityEvent.Type, Window> windows = new EnumMap<>(SecurityEvent.Type.class);

  FailureLineLimit(int perMinute, Clock clock) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("perMinute must be positive");
    }
    this.perMinute = perMinute;
    this.clock = clock;
    for (SecurityEvent.Type t : SecurityEvent.Type.values()) {
      windows.put(t, new Window());
    }
  }

  /** Admits one failure of kind {@code type} now. */
  Admission admit(SecurityEvent.Type type) {
    return windows.get(type).admit(clock.millis());
  }

  /** One kind's current minute. A lock per kind: a flood of one kind does not slow the others. */
  private final class Window {
    private long start = Long.MIN_VALUE;
    private int written;
    private long leftOut;

    synchronized Admission admit(long now) {
      long leftOutBefore = 0;
      long leftOutSince = 0;
      if (start == Long.MIN_VALUE || now - start >= MINUTE || now < start) {
        // a new minute (or the clock went back): report what the last one left out
        leftOutBefore = leftOut;
        leftOutSince = start;
        start = now;
        written = 0;
        leftOut = 0;
      }
      if (written < perMinute) {
        written++;
        return new Admission(true, leftOutBefore, leftOutSince);
      }
      leftOut++;
      return new Admission(false, leftOutBefore, leftOutSince);
    }
  }
}
