package io.pathauth.session;

import io.pathauth.state.Cas;
import io.pathauth.state.KeyValueStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster {@link LoginThrottle}: the failure times of each account and address live in a shared
 * key-value store (space-separated epoch millis, oldest first) and are updated with
 * compare-and-set, so guesses spread over the nodes of a cluster count against the same limit.
 */
public final class SharedLoginThrottle implements LoginThrottle {

  private final KeyValueStore failures;
  private final int maxPerAccount;
  private final int maxPerAddress;
  private final long windowMillis;
  private final Clock clock;

  public SharedLoginThrottle(
      KeyValueStore failures,
      int maxPerAccount,
      int maxPerAddress,
      long windowSeconds,
      Clock clock) {
    this.failures = failures;
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.windowMillis = windowSeconds * 1000;
    this.clock = clock;
  }

  @Override
  public long tryAttempt(String user, String address) {
    long now = clock.millis();
    long wait =
        Math.max(
            wait(ThrottleKeys.account(user), maxPerAccount, now),
            wait(ThrottleKeys.address(address), maxPerAddress, now));
    if (wait > 0) {
      return (wait + 999) / 1000;
    }
    record(ThrottleKeys.account(user), maxPerAccount, now);
    record(ThrottleKeys.address(address), maxPerAddress, now);
    return 0;
  }

  @Override
  public void succeeded(String user, String address) {
    failures.remove(ThrottleKeys.account(user));
    Cas.update(
        failures,
        ThrottleKeys.address(address),
        v -> {
          List<Long> times = new ArrayList<>(times(v, clock.millis()));
          if (!times.isEmpty()) {
            times.remove(times.size() - 1);
          }
          return encode(times);
        });
  }

  private long wait(String key, int max, long now) {
    List<Long> times = times(failures.get(key), now);
    return times.size() < max ? 0 : times.get(times.size() - max) + windowMillis - now;
  }

  private void record(String key, int max, long now) {
    Cas.update(
        failures,
        key,
        v -> {
          List<Long> times = new ArrayList<>(times(v, now));
          times.add(now);
          return encode(times.subList(Math.max(0, times.size() - max), times.size()));
        });
  }

  /** The failure times still inside the window. */
  private List<Long> times(Optional<String> value, long now) {
    return value.filter(s -> !s.isEmpty()).stream()
        .flatMap(s -> Arrays.stream(s.split(" ")))
        .map(Long::parseLong)
        .filter(t -> t > now - windowMillis)
        .toList();
  }

  private static Optional<String> encode(List<Long> times) {
    return times.isEmpty()
        ? Optional.empty()
        : Optional.of(times.stream().map(String::valueOf).collect(Collectors.joining(" ")));
  }
}
