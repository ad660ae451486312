package io.pathauth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs the full verification only the first time a token is seen. Entries are keyed by the SHA-256
 * of the whole token, hold the verified {@link JsonWebToken}, never outlive the token's {@code
 * exp}, and are bounded in memory (Caffeine, weighted by token size). Failures are never cached, so
 * a flood of unique bad tokens cannot evict good entries or grow the cache. Revocation is checked
 * by the caller on every request, hit or miss, and so are the token's times ({@link
 * BearerVerification}'s time step): the cache only ages entries out at {@code exp} plus the skew.
 */
public final class CachingTokenVerifier implements TokenVerifier {

  /** Fixed cost of an entry besides the token text: the key, the claims map, Caffeine's node. */
  static final int ENTRY_OVERHEAD_BYTES = 1024;

  private final TokenVerifier delegate;
  private final Cache<String, JsonWebToken> cache;
  private final LongAdder hits = new LongAdder();
  private final LongAdder lookups = new LongAdder();

  /**
   * @param maxBytes the approximate memory the cache may hold
   * @param timestamps the time step's clock and skew, which age the entries out
   */
  public CachingTokenVerifier(TokenVerifier delegate, long maxBytes, TimestampCheck timestamps) {
    this.delegate = delegate;
    Clock clock = timestamps.clock();
    long skewSeconds = timestamps.skewSeconds();
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((String key, JsonWebToken jwt) -> weight(jwt))
            .expireAfter(
                new Expiry<String, JsonWebToken>() {
                  @Override
                  public long expireAfterCreate(String key, JsonWebToken jwt, long currentTime) {
                    long seconds =
                        jwt.getExpirationTime() + skewSeconds - clock.instant().getEpochSecond();
                    return TimeUnit.SECONDS.toNanos(Math.max(0, seconds));
                  }

                  @Override
                  public long expireAfterUpdate(
                      String key, JsonWebToken jwt, long currentTime, long currentDuration) {
                    return currentDuration;
                  }

                  @Override
                  public long expireAfterRead(
                      String key, JsonWebToken jwt, long currentTime, long currentDuration) {
                    return currentDuration;
                  }
                })
            .build();
  }

  @Override
  public JsonWebToken verify(String token) {
    String key = key(token);
    JsonWebToken cached = cache.getIfPresent(key);
    lookups.increment();
    if (cached != null) {
      hits.increment();
      return cached;
    }
    JsonWebToken verified = delegate.verify(token); // throws for bad tokens: nothing is cached
    cache.put(key, verified);
    return verified;
  }

  /** The share of verifications answered from the cache since start (0 before the first). */
  public double hitRatio() {
    long n = lookups.sum();
    return n == 0 ? 0 : (double) hits.sum() / n;
  }

  /** Entries held now (approximate). */
  public long size() {
    return cache.estimatedSize();
  }

  private static int weight(JsonWebToken jwt) {
    String raw = jwt.getRawToken();
    return ENTRY_OVERHEAD_BYTES + (raw == null ? 0 : 2 * raw.length());
  }

  /** Base64 of the SHA-256 of a token: the cache key. */
  private static String key(String token) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
      return Base64.getEncoder().encodeToString(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
