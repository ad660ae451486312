package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.jwt.ClaimsToken;
import io.pathauth.state.MapKeyValueStore;
import io.pathauth.testing.MutableClock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of a cluster: each has its own remembered answers, both share the stores and the epoch
 * (in-memory key-value stores standing for the JCache caches).
 */
class RevocationAnswersTest {

  private final MutableClock clock = new MutableClock();
  private final MapKeyValueStore jtis = new MapKeyValueStore();
  private final MapKeyValueStore users = new MapKeyValueStore();
  private final MapKeyValueStore epochStore = new MapKeyValueStore();
  private final RevocationEpoch epoch = new RevocationEpoch(epochStore);
  private final SharedRevocationStore nodeA = new SharedRevocationStore(jtis, users, epoch, clock);
  private final SharedRevocationStore nodeB = new SharedRevocationStore(jtis, users, epoch, clock);
  private final RevocationAnswers answersB = new RevocationAnswers(epoch);
  private final AtomicInteger asked = new AtomicInteger();

  /** Node B's revocation step, counting how often it asks the shared stores. */
  private final RevocationCheck checkB =
      new RevocationCheck(new CountingStore(nodeB, asked), Optional.empty(), Optional.of(answersB));

  private final JsonWebToken token = ClaimsToken.of("alice", 1000, 4600).with("jti", "jti-1");

  @Test
  void whenNothingWasRevoked_thenTheNextRequestDoesNotAskTheStoresAgain() {
    assertFalse(checkB.test(token));
    assertFalse(checkB.test(token));
    assertFalse(checkB.test(token));
    assertEquals(1, asked.get());
  }

  @Test
  void whenATokenIsRevokedOnAnotherNode_thenTheNextRequestIsRefused() {
    assertFalse(checkB.test(token));
    nodeA.revoke("jti-1", clock.instant().plusSeconds(60));
    assertTrue(checkB.test(token));
  }

  @Test
  void whenAnotherTokenOrUserIsRevoked_thenTheStoresAreAskedAgainAndTheAnswerStands() {
    assertFalse(checkB.test(token));
    nodeA.revoke("jti-other", clock.instant().plusSeconds(60));
    nodeA.notBefore("bob", clock.instant(), clock.instant().plusSeconds(60));
    assertFalse(checkB.test(token));
    assertEquals(2, asked.get());
  }

  @Test
  void whenTheUserIsForcedOutOnAnotherNode_thenTheNextRequestIsRefused() {
    assertFalse(checkB.test(token));
    clock.advance(java.time.Duration.ofSeconds(5));
    nodeA.notBefore("alice", clock.instant(), clock.instant().plusSeconds(3600));
    assertTrue(checkB.test(token));
  }

  @Test
  void whenATokenIsRevoked_thenThatAnswerIsNeverRemembered() {
    nodeA.revoke("jti-1", clock.instant().plusSeconds(60));
    assertTrue(checkB.test(token));
    assertTrue(checkB.test(token));
    assertEquals(2, asked.get());
  }

  @Test
  void whenARevocationLandsWhileTheStoresAreAsked_thenTheAnswerIsNotReused() {
    AtomicInteger calls = new AtomicInteger();
    assertFalse(
        answersB.tokenRevoked(
            token,
            () -> {
              calls.incrementAndGet();
              epoch.advance(); // another node revokes something meanwhile
              return false;
            }));
    assertFalse(answersB.tokenRevoked(token, () -> calls.incrementAndGet() < 0));
    assertEquals(2, calls.get());
  }

  @Test
  void whenALoginWasNotEnded_thenItIsRememberedUntilTheEpochAdvances() {
    AtomicInteger calls = new AtomicInteger();
    assertFalse(answersB.loginEnded("alice", 1000, () -> calls.incrementAndGet() < 0));
    assertFalse(answersB.loginEnded("alice", 1000, () -> calls.incrementAndGet() < 0));
    assertEquals(1, calls.get());
    assertFalse(answersB.loginEnded("alice", 2000, () -> calls.incrementAndGet() < 0));
    assertEquals(2, calls.get(), "another login of the same user is asked about");
    epoch.advance();
    assertTrue(answersB.loginEnded("alice", 1000, () -> calls.incrementAndGet() > 0));
  }

  @Test
  void whenTheEpochKeyIsLost_thenThatCountsAsAChange() {
    epoch.advance();
    assertFalse(checkB.test(token));
    epochStore.remove(RevocationEpoch.KEY);
    assertFalse(checkB.test(token));
    assertEquals(2, asked.get());
  }

  /** A revocation store that counts the questions it is asked. */
  private record CountingStore(RevocationStore delegate, AtomicInteger asked)
      implements RevocationStore {
    @Override
    public void revoke(String jti, java.time.Instant expiresAt) {
      delegate.revoke(jti, expiresAt);
    }

    @Override
    public boolean isRevoked(String jti) {
      asked.incrementAndGet();
      return delegate.isRevoked(jti);
    }

    @Override
    public void notBefore(String user, java.time.Instant notBefore, java.time.Instant keepUntil) {
      delegate.notBefore(user, notBefore, keepUntil);
    }

    @Override
    public Optional<java.time.Instant> notBefore(String user) {
      return delegate.notBefore(user);
    }
  }
}
