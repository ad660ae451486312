package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.state.MapKeyValueStore;
import io.pathauth.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Two stores over the same key-value stores stand for two nodes of a cluster. */
class SharedRefreshTokenStoreTest {

  private final MutableClock clock = new MutableClock();
  private final MapKeyValueStore tokens = new MapKeyValueStore();
  private final MapKeyValueStore families = new MapKeyValueStore();
  private final MapKeyValueStore index = new MapKeyValueStore();
  private final RevocationEpoch epoch = new RevocationEpoch(new MapKeyValueStore());
  private final SharedRefreshTokenStore nodeA =
      new SharedRefreshTokenStore(tokens, families, index, epoch, clock);
  private final SharedRefreshTokenStore nodeB =
      new SharedRefreshTokenStore(tokens, families, index, epoch, clock);

  private RefreshToken token(String hash, String family, String user) {
    Instant now = clock.instant();
    return new RefreshToken(
        hash, family, user, Set.of("user", "a b"), now, now, now.plusSeconds(600), false, false);
  }

  @Test
  void whenSavedOnOneNode_thenTheOtherFindsItWithEveryField() {
    RefreshToken t = token("h1", "f1", "alice smith");
    nodeA.save(t);
    assertEquals(t, nodeB.find("h1").orElseThrow());
  }

  @Test
  void whenBothNodesExchangeTheSameToken_thenOnlyTheFirstSeesItUnused() {
    nodeA.save(token("h1", "f1", "alice"));
    assertFalse(nodeA.markUsed("h1").orElseThrow().used());
    assertTrue(nodeB.markUsed("h1").orElseThrow().used(), "the second use is detected");
    assertTrue(nodeB.markUsed("nope").isEmpty());
  }

  @Test
  void whenAFamilyIsRevokedOnOneNode_thenItsTokensAreRevokedOnTheOtherEvenLaterOnes() {
    nodeA.save(token("h1", "f1", "alice"));
    nodeA.revokeFamily("f1", clock.instant().plusSeconds(600));
    nodeB.save(token("h2", "f1", "alice")); // a refresh racing with the revocation
    assertTrue(nodeB.familyRevoked("f1"));
    assertTrue(nodeB.find("h1").orElseThrow().revoked());
    assertTrue(nodeB.find("h2").orElseThrow().revoked());
    clock.advance(Duration.ofSeconds(601));
    assertFalse(nodeB.familyRevoked("f1"));
  }

  @Test
  void whenAUserIsRevoked_thenNoneOfTheirTokensIsActiveAnywhere() {
    nodeA.save(token("h1", "f1", "alice"));
    nodeB.save(token("h2", "f2", "alice"));
    nodeB.save(token("h3", "f3", "bob"));
    assertEquals(2, nodeA.active("alice").size());
    nodeA.revokeUser("alice", clock.instant().plusSeconds(600));
    assertEquals(0, nodeB.active("alice").size());
    assertEquals(1, nodeB.active("bob").size());
  }

  @Test
  void whenAUserHasManyTokens_thenTheIndexForgetsExpiredOnes() {
    for (int i = 0; i < 40; i++) {
      nodeA.save(token("old" + i, "f" + i, "alice"));
    }
    clock.advance(Duration.ofSeconds(601));
    for (int i = 0; i < 40; i++) {
      tokens.remove("old" + i); // what the cache's expiry does
    }
    nodeA.save(token("new", "fn", "alice"));
    assertEquals(1, index.get("alice").orElseThrow().split(" ").length);
    assertEquals(1, nodeB.active("alice").size());
  }

  @Test
  void whenAFamilyIsRevoked_thenTheEpochHasAdvancedBeforeRevokeFamilyReturns() {
    String before = epoch.current();
    nodeA.revokeFamily("family-1", clock.instant().plusSeconds(60));
    assertFalse(before.equals(epoch.current()));
  }
}
