package io.pathauth.session;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The single-node {@link LoginThrottle}: failure times in this JVM's memory, for at most {@link
 * #MAX_KEYS} account names and client addresses together, whatever an attacker sends.
 *
 * <p>When the table is full, expired entries are purged (at most once a second, so that a flood of
 * new names does not make every attempt scan the table); if it is still full, a name or address
 * seen for the first time is not tracked until room frees up, while every name and address already
 * tracked stays throttled. A flood of made-up names therefore cannot push a real account under
 * attack out of the table, and from one address it is throttled by that address first.
 */
public final class LocalLoginThrottle implements LoginThrottle {

  /** Names and addresses tracked at most (about 200 bytes each with 5 failure times). */
  static final int MAX_KEYS = 100_000;

  private static final long PURGE_INTERVAL_MILLIS = 1000;

  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMillis;
  private final Clock clock;
  private final int maxKeys;
  private final Map<String, Deque<Long>> failures = new ConcurrentHashMap<>();
  private long lastPurge; // epoch millis of the last purge (0: none yet)

  public LocalLoginThrottle(int maxPerAccount, int maxPerAddress, long windowSeconds, Clock clock) {
    this(maxPerAccount, maxPerAddress, windowSeconds, clock, MAX_KEYS);
  }

  /** With a smaller table (tests). */
  LocalLoginThrottle(
      int maxPerAccount, int maxPerAddress, long windowSeconds, Clock clock, int maxKeys) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMillis = windowSeconds * 1000;
    this.clock = clock;
    this.maxKeys = maxKeys;
  }

  @Override
  public synchronized long tryAttempt(String user, String address) {
    long now = clock.millis();
    String account = ThrottleKeys.account(user);
    String client = ThrottleKeys.address(address);
    long wait = Math.max(wait(account, maxPerAccount, now), wait(client, maxPerAddress, now));
    if (wait > 0) {
      return (wait + 999) / 1000;
    }
    if (failures.size() >= maxKeys
        && (now - lastPurge >= PURGE_INTERVAL_MILLIS || now < lastPurge)) {
      lastPurge = now;
      failures.entrySet().removeIf(e -> expired(e.getValue(), now));
    }
    record(account, maxPerAccount, now);
    record(client, maxPerAddress, now);
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

  /** Names and addresses tracked now (tests, and the bound the reliability run checks). */
  public int size() {
    return failures.size();
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

  /** Records an attempt under {@code key}, keeping its last {@code max} times only. */
  private void record(String key, int max, long now) {
    Deque<Long> d = failures.get(key);
    if (d == null) {
      if (failures.size() >= maxKeys) {
        return; // full: a key seen for the first time is not tracked (class comment)
      }
      d = failures.computeIfAbsent(key, k -> new ArrayDeque<>(Math.min(max, 16)));
    }
    synchronized (d) {
      d.addLast(now);
      while (d.size() > max) {
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
