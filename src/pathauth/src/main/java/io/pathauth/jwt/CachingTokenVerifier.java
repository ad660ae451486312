package io.pathauth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Runs the full verification only the first time a token is seen. Entries are keyed by the whole
 * token text, hold the verified {@link JsonWebToken}, never outlive the token's {@code exp}, and
 * are bounded in memory (Caffeine, weighted by token size). Failures are never cached, so a flood
 * of unique bad tokens cannot evict good entries or grow the cache. Revocation is checked by the
 * caller on every request, hit or miss, and so are the token's times ({@link BearerVerification}'s
 * time step): the cache only ages entries out at {@code exp} plus the skew.
 *
 * <p>Why the text itself and not a digest of it: a lookup then costs one hash of the text and one
 * comparison instead of a SHA-256 (1.4 µs of a cached-token request in the profile, BENCHMARKS.md),
 * and the key is the very string the cached token holds, so it takes no memory of its own. Only
 * tokens that passed verification are ever keys: a client cannot plant colliding keys, and a lookup
 * compares a presented token with a cached one only when their hashes are equal, which tells the
 * client nothing it did not send.
 */
public final class CachingTokenVerifier implements TokenVerifier {

  /** Fixed cost of an entry besides the token text: the claims map, Caffeine's node. */
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
            .weigher((String key, JsonWebToken jwt) -> weight(key, jwt))
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
    JsonWebToken cached = cache.getIfPresent(token);
    lookups.increment();
    if (cached != null) {
      hits.increment();
      return cached;
    }
    JsonWebToken verified = delegate.verify(token); // throws for bad tokens: nothing is cached
    String raw = verified.getRawToken(); // the same text: keep one copy of it
    cache.put(token.equals(raw) ? raw : token, verified);
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

  /** The key's text, the token's own text when it is another copy, and the fixed overhead. */
  private static int weight(String key, JsonWebToken jwt) {
    String raw = jwt.getRawToken();
    int text = key.length() + (raw == null || raw.equals(key) ? 0 : raw.length());
    return ENTRY_OVERHEAD_BYTES + 2 * text;
  }
}
