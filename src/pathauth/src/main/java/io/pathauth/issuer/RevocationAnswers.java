package io.pathauth.issuer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.function.BooleanSupplier;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * "Not revoked" answers of the cluster's shared revocation state, remembered per token and per
 * session login until the {@link RevocationEpoch} changes. A request whose answer is remembered
 * reads the shared store once (the epoch) instead of once per kind of revocation (a token's {@code
 * jti}, its refresh family, its user's forced logout). "Revoked" answers are never remembered, and
 * an answer is tagged with the epoch read before it was computed, so a revocation that races with
 * the computation voids it too.
 *
 * <p>Tokens are remembered by identity: the verified-token cache hands the same {@link
 * JsonWebToken} instance to every request with the same token, and an entry goes when that instance
 * does (weak keys). Both maps are bounded.
 */
public final class RevocationAnswers {

  /** A session's login: its user and the time it logged in. */
  private record Login(String user, long atMillis) {}

  private static final long MAX_ENTRIES = 100_000;

  private final RevocationEpoch epoch;
  private final Cache<JsonWebToken, String> tokens =
      Caffeine.newBuilder().weakKeys().maximumSize(MAX_ENTRIES).build();
  private final Cache<Login, String> logins =
      Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

  public RevocationAnswers(RevocationEpoch epoch) {
    this.epoch = epoch;
  }

  /** Whether {@code token} is revoked, asking {@code check} unless "no" is remembered. */
  public boolean tokenRevoked(JsonWebToken token, BooleanSupplier check) {
    return answer(tokens, token, check);
  }

  /** Whether the login of {@code user} at {@code atMillis} was ended, likewise. */
  public boolean loginEnded(String user, long atMillis, BooleanSupplier check) {
    return answer(logins, new Login(user, atMillis), check);
  }

  private <K> boolean answer(Cache<K, String> answers, K key, BooleanSupplier check) {
    String now = epoch.current();
    if (now.equals(answers.getIfPresent(key))) {
      return false;
    }
    boolean revoked = check.getAsBoolean();
    if (!revoked) {
      answers.put(key, now);
    }
    return revoked;
  }
}
