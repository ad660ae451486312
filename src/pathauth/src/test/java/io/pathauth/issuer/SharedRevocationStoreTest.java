package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.state.MapKeyValueStore;
import io.pathauth.testing.MutableClock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Two stores over the same key-value stores stand for two nodes of a cluster. */
class SharedRevocationStoreTest {

  private final MutableClock clock = new MutableClock();
  private final MapKeyValueStore jtis = new MapKeyValueStore();
  private final MapKeyValueStore users = new MapKeyValueStore();
  private final RevocationEpoch epoch = new RevocationEpoch(new MapKeyValueStore());
  private final SharedRevocationStore nodeA = new SharedRevocationStore(jtis, users, epoch, clock);
  private final SharedRevocationStore nodeB = new SharedRevocationStore(jtis, users, epoch, clock);

  @Test
  void whenRevokedOnOneNode_thenRevokedOnTheOtherUntilItExpires() {
    nodeA.revoke("jti-1", clock.instant().plusSeconds(60));
    assertTrue(nodeB.isRevoked("jti-1"));
    assertFalse(nodeB.isRevoked("jti-2"));
    nodeB.revoke("jti-1", clock.instant().plusSeconds(10)); // an earlier expiry never shortens it
    clock.advance(Duration.ofSeconds(30));
    assertTrue(nodeA.isRevoked("jti-1"));
    clock.advance(Duration.ofSeconds(31));
    assertFalse(nodeA.isRevoked("jti-1"));
  }

  @Test
  void whenAUserIsForcedOutOnOneNode_thenOlderLoginsEndOnTheOther() {
    var loginAt = clock.instant();
    clock.advance(Duration.ofSeconds(5));
    nodeA.notBefore("alice", clock.instant(), clock.instant().plusSeconds(3600));
    assertTrue(nodeB.loggedOutSince("alice", loginAt));
    assertFalse(nodeB.loggedOutSince("alice", clock.instant().plusSeconds(1)));
    assertFalse(nodeB.loggedOutSince("bob", loginAt));
    nodeB.notBefore("alice", loginAt, clock.instant().plusSeconds(60)); // never moves back
    assertEquals(Optional.of(clock.instant()), nodeA.notBefore("alice"));
    clock.advance(Duration.ofSeconds(3601));
    assertEquals(Optional.empty(), nodeA.notBefore("alice"));
  }

  @Test
  void whenATokenIsRevoked_thenTheEpochHasAdvancedBeforeRevokeReturns() {
    String before = epoch.current();
    nodeA.revoke("jti-1", clock.instant().plusSeconds(60));
    String after = epoch.current();
    assertFalse(before.equals(after));
    nodeB.revoke("jti-2", clock.instant().plusSeconds(60));
    assertFalse(after.equals(epoch.current()));
  }

  @Test
  void whenAUserIsForcedOut_thenTheEpochHasAdvancedBeforeNotBeforeReturns() {
    String before = epoch.current();
    nodeA.notBefore("alice", clock.instant(), clock.instant().plusSeconds(3600));
    assertFalse(before.equals(epoch.current()));
  }
}
