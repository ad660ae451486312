package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRevocationStoreTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void whenRevoked_thenRejectedUntilExpiryAndAcrossARestart(@TempDir Path dir) {
    Path file = dir.resolve("revocations.txt");
    FileRevocationStore store = new FileRevocationStore(file, clock);
    store.revoke("jti-1", clock.instant().plusSeconds(60));
    store.notBefore("alice", clock.instant(), clock.instant().plusSeconds(600));
    assertTrue(store.isRevoked("jti-1"));
    assertFalse(store.isRevoked("jti-2"));

    FileRevocationStore restarted = new FileRevocationStore(file, clock);
    assertTrue(restarted.isRevoked("jti-1"), "revoked stays revoked");
    assertEquals(Optional.of(clock.instant()), restarted.notBefore("alice"));
  }

  @Test
  void whenEntriesExpire_thenTheStoreForgetsThem(@TempDir Path dir) {
    FileRevocationStore store = new FileRevocationStore(dir.resolve("r.txt"), clock);
    store.revoke("old", clock.instant().plusSeconds(10));
    store.notBefore("bob", clock.instant(), clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(11));
    assertFalse(store.isRevoked("old"));
    assertEquals(Optional.empty(), store.notBefore("bob"));
    store.revoke("new", clock.instant().plusSeconds(10)); // a write purges what expired
    assertEquals(1, store.size());
    assertEquals(1, new FileRevocationStore(dir.resolve("r.txt"), clock).size());
  }
}
