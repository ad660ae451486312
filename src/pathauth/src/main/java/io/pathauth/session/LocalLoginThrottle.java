package io.pathauth.session;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link LoginThrottle}: failure times in this JVM's memory, at most {@link
 * #MAX_KEYS} keys.
 */
public final class LocalLoginThrottle implements LoginThrottle {

  /** Keys tracked at most; beyond that, expired entries are purged first. */
  private static final int MAX_KEYS = 100_000;

  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LocalLoginThrottle(int maxPerAccount, int maxPerAddress, long windowSeconds, Clock clock) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMillis = windowSeconds * 1000;
    this.clock = clock;
  }

  @Override
  public synchronized long tryAttempt(String user, String address) {
    long now = clock.millis();
    long wait =
        Math.max(
            wait(ThrottleKeys.account(user), maxPerAccount, now),
            wait(ThrottleKeys.address(address), maxPerAddress, now));
    if (wait > 0) {
      return (wait + 999) / 1000;
    }
    if (failures.size() > MAX_KEYS) {
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
    if (failures.size() <= MAX_KEYS || failures.containsKey(ThrottleKeys.account(user))) {
      record(
          ThrottleKeys.account(user),
          now); // beyond the cap new names are not tracked; addresses still are
    }
    record(ThrottleKeys.address(address), now);
    return 0;
  }

  @Override
  public synchronized void succeeded(String user, String address) {
    failures.remove(ThrottleKeys.account(user));
    Deque<Long> d = failures.get(ThrottleKeys.address(address));
    if (d != null) {
      synchronized (d) {
        d.pollLast();
      }
    }
  }

  private long wait(String key, int max, long now) {
    Deque<Long> d = failures.get(key);
    if (d == null) {
      return 0;
    }
    synchronized (d) {
      while (!d.isEmpty() && d.peekFirst() <= now - windowMillis) {
        d.pollFirst();
      }
      if (d.size() < max) {
        return 0;
      }
      return d.peekFirst() + windowMillis - now;
    }
  }

  private void record(String key, long now) {
    Deque<Long> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (d) {
      d.addLast(now);
      while (d.size() > Math.max(maxPerAccount, maxPerAddress)) {
        d.pollFirst();
      }
    }
  }

  private boolean expired(Deque<Long> d, long now) {
    synchronized (d) {
      return d.isEmpty() || d.peekLast() <= now - windowMillis;
    }
  }
}
