package io.pathauth.session;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link LoginThrottle}: failure times in this JVM's memory. Per account: after
 * {@code maxPerAccount} failures within the window, further attempts for that user name are refused
 * until the oldest failure leaves the window (the real user is locked out only for a while, never
 * for good). Per client address: the same with a looser limit. Unknown user names are counted like
 * real ones, so the throttle tells nothing about which accounts exist. Shared by the form login and
 * the token endpoint.
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
            wait(account(user), maxPerAccount, now), wait(address(address), maxPerAddress, now));
    if (wait > 0) {
      return (wait + 999) / 1000;
    }
    if (failures.size() > MAX_KEYS) {
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
    if (failures.size() <= MAX_KEYS || failures.containsKey(account(user))) {
      record(account(user), now); // beyond the cap new names are not tracked; addresses still are
    }
    record(address(address), now);
    return 0;
  }

  @Override
  public synchronized void succeeded(String user, String address) {
    failures.remove(account(user));
    Deque<Long> d = failures.get(address(address));
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

  private static String account(String user) {
    return "u:" + (user.length() > 256 ? user.substring(0, 256) : user);
  }

  private static String address(String address) {
    return "a:" + address;
  }
}
