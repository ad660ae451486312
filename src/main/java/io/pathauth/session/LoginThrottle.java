package io.pathauth.session;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing. Per account: after {@code maxPerAccount} failures within the
 * window, further attempts for that user name are refused until the oldest failure leaves the
 * window (the real user is locked out only for a while, never for good). Per client address: the
 * same with a looser limit. Unknown user names are counted like real ones, so the throttle tells
 * nothing about which accounts exist. Shared by the form login and the token endpoint.
 */
public final class LoginThrottle {

  /** Keys tracked at most; beyond that, expired entries are purged first. */
  private static final int MAX_KEYS = 100_000;

  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMillis;
  private final Clock clock;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxPerAccount, int maxPerAddress, long windowSeconds, Clock clock) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMillis = windowSeconds * 1000;
    this.clock = clock;
  }

  /**
   * Seconds until an attempt for this user from this address is allowed again; 0 if allowed now.
   */
  public long retryAfterSeconds(String user, String address) {
    long now = clock.millis();
    long wait =
        Math.max(
            wait(account(user), maxPerAccount, now), wait(address(address), maxPerAddress, now));
    return (wait + 999) / 1000;
  }

  /** Counts a failed attempt. */
  public void failed(String user, String address) {
    long now = clock.millis();
    if (failures.size() > MAX_KEYS) {
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
    record(account(user), now);
    record(address(address), now);
  }

  /** A successful login clears the account's failures (not the address's). */
  public void succeeded(String user) {
    failures.remove(account(user));
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
    return "u:" + user;
  }

  private static String address(String address) {
    return "a:" + address;
  }
}
