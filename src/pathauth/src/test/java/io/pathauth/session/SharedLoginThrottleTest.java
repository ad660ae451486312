package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.state.MapKeyValueStore;
import io.pathauth.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two throttles over one key-value store stand for two nodes of a cluster. */
class SharedLoginThrottleTest {

  private final MutableClock clock = new MutableClock();
  private final MapKeyValueStore store = new MapKeyValueStore();
  private final SharedLoginThrottle nodeA = new SharedLoginThrottle(store, 3, 10, 120, clock);
  private final SharedLoginThrottle nodeB = new SharedLoginThrottle(store, 3, 10, 120, clock);

  @Test
  void whenGuessesAreSpreadOverNodes_thenTheyCountAgainstOneLimit() {
    assertEquals(0, nodeA.tryAttempt("alice", "10.0.0.1"));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(0, nodeB.tryAttempt("alice", "10.0.0.2"));
    clock.advance(Duration.ofSeconds(10));
    assertEquals(0, nodeA.tryAttempt("alice", "10.0.0.3"));
    assertEquals(100, nodeB.tryAttempt("alice", "10.0.0.4"), "waits for the oldest failure");
    assertEquals(0, nodeB.tryAttempt("bob", "10.0.0.4"), "another account is unaffected");
    clock.advance(Duration.ofSeconds(95));
    assertEquals(5, nodeA.tryAttempt("alice", "10.0.0.1"));
    clock.advance(Duration.ofSeconds(6));
    assertEquals(0, nodeA.tryAttempt("alice", "10.0.0.1"), "the oldest failure left the window");
  }

  @Test
  void whenTheUserLogsInOnAnyNode_thenTheAccountsFailuresAreCleared() {
    nodeA.tryAttempt("alice", "10.0.0.1");
    nodeA.tryAttempt("alice", "10.0.0.1");
    nodeB.tryAttempt("alice", "10.0.0.1");
    nodeB.succeeded("alice", "10.0.0.1");
    assertEquals(0, nodeA.tryAttempt("alice", "10.0.0.1"));
  }

  @Test
  void whenOneAddressTriesManyAccounts_thenTheAddressLimitApplies() {
    for (int i = 0; i < 10; i++) {
      assertEquals(0, (i % 2 == 0 ? nodeA : nodeB).tryAttempt("user" + i, "10.9.9.9"));
    }
    assertTrue(nodeA.tryAttempt("user-new", "10.9.9.9") > 0);
    assertEquals(0, nodeA.tryAttempt("user-new", "10.9.9.8"));
    clock.advance(Duration.ofSeconds(121));
    assertEquals(0, nodeB.tryAttempt("user-other", "10.9.9.9"));
  }
}
