package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.support.TestSettings;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CachingTokenVerifierTest {

  private static KeyPair keys;
  private static SmallRyeTokenVerifier real;

  @BeforeAll
  static void setUp() {
    keys = TestSettings.rsa();
    real =
        new SmallRyeTokenVerifier(
            TestSettings.jwt(keys.getPublic(), Set.of("RS256"), null, List.of(), 0));
  }

  /** Counts full verifications. */
  private static final class Counting implements TokenVerifier {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    public JsonWebToken verify(String token) {
      calls.incrementAndGet();
      return real.verify(token);
    }
  }

  /** A cache of {@code maxBytes} in front of {@code delegate}, no skew, the system clock. */
  private static CachingTokenVerifier cache(TokenVerifier delegate, long maxBytes) {
    return new CachingTokenVerifier(
        delegate,
        maxBytes,
        new TimestampCheck(0, java.util.OptionalLong.empty(), Clock.systemUTC()));
  }

  private static String token(long expiresIn) {
    long now = Instant.now().getEpochSecond();
    return Jwt.upn("alice").issuedAt(now).expiresAt(now + expiresIn).sign(keys.getPrivate());
  }

  @Test
  void whenATokenIsSeenAgain_thenTheSignatureIsVerifiedOnce() {
    Counting counting = new Counting();
    CachingTokenVerifier cache = cache(counting, 1 << 20);
    String t = token(60);
    JsonWebToken first = cache.verify(t);
    assertSame(first, cache.verify(t));
    assertSame(first, cache.verify(t));
    assertEquals(1, counting.calls.get());
    assertEquals(2.0 / 3, cache.hitRatio(), 1e-9, "two of three answered from the cache");
  }

  @Test
  void whenTheSameTokenComesInAnotherRequest_thenItIsServedByItsText() {
    Counting counting = new Counting();
    CachingTokenVerifier cache = cache(counting, 1 << 20);
    String t = token(60);
    JsonWebToken first = cache.verify(t);
    // each request parses its header into a string of its own
    assertSame(first, cache.verify(new String(t.toCharArray())));
    assertEquals(1, counting.calls.get());
  }

  @Test
  void whenTokensAreBad_thenNothingIsCachedAndGoodEntriesStay() {
    Counting counting = new Counting();
    // room for about four entries
    CachingTokenVerifier cache = cache(counting, 4 * 3000);
    String good = token(60);
    cache.verify(good);
    for (int i = 0; i < 2000; i++) {
      String bad = good.substring(0, good.length() - 8) + String.format("%08d", i);
      assertThrows(InvalidBearerTokenException.class, () -> cache.verify(bad));
    }
    int before = counting.calls.get();
    cache.verify(good);
    assertEquals(before, counting.calls.get(), "the good entry survived the flood");
    assertEquals(1, cache.size());
  }

  @Test
  void whenTheTokenHasExpired_thenTheCacheDoesNotServeIt() throws InterruptedException {
    Counting counting = new Counting();
    CachingTokenVerifier cache = cache(counting, 1 << 20);
    String t = token(1);
    cache.verify(t);
    Thread.sleep(2100);
    assertThrows(InvalidBearerTokenException.class, () -> cache.verify(t));
  }

  @Test
  void whenManyThreadsVerifyTheSameTokens_thenResultsAreConsistent() throws Exception {
    Counting counting = new Counting();
    CachingTokenVerifier cache = cache(counting, 1 << 20);
    List<String> tokens = List.of(token(60), token(60), token(60));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results =
          pool.invokeAll(
              java.util.Collections.nCopies(
                  400,
                  () -> {
                    String t = tokens.get((int) (Math.random() * tokens.size()));
                    return cache.verify(t).getRawToken().equals(t) ? "ok" : "mismatch";
                  }));
      for (Future<String> f : results) {
        assertEquals("ok", f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(
        true, counting.calls.get() <= 3 * 8, "verified at most once per token per thread race");
  }
}
