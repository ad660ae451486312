package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.state.StateUnavailableException;
import io.pathauth.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileRefreshTokenStoreTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void whenRestarted_thenTokensTheirUseAndRevokedFamiliesAreReadBack(@TempDir Path dir) {
    Path file = dir.resolve("refresh-tokens.txt");
    FileRefreshTokenStore store = new FileRefreshTokenStore(file, clock);
    store.save(token("h1", "f1", "alice"));
    store.save(token("h2", "f2", "bob"));
    store.markUsed("h1");
    store.revokeFamily("f2", clock.instant().plusSeconds(600));

    FileRefreshTokenStore restarted = new FileRefreshTokenStore(file, clock);
    assertTrue(restarted.find("h1").orElseThrow().used(), "a spent token stays spent");
    assertEquals(Set.of("users", "a,b"), restarted.find("h1").orElseThrow().groups());
    assertTrue(restarted.find("h2").orElseThrow().revoked());
    assertTrue(restarted.familyRevoked("f2"));
    assertFalse(restarted.familyRevoked("f1"));
  }

  @Test
  void whenTheFileIsCutAtAnyByte_thenItIsRefusedUnlessWhole(@TempDir Path dir) throws IOException {
    Path written = dir.resolve("written.txt");
    FileRefreshTokenStore store = new FileRefreshTokenStore(written, clock);
    store.save(token("h1", "f1", "alice"));
    store.markUsed("h1");
    store.revokeFamily("f9", clock.instant().plusSeconds(600));
    byte[] whole = Files.readAllBytes(written);
    Path file = dir.resolve("refresh-tokens.txt");
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, Arrays.copyOf(whole, length));
      assertThrows(
          CorruptStateException.class,
          () -> new FileRefreshTokenStore(file, clock),
          "cut after " + length + " bytes");
    }
    Files.write(file, whole);
    FileRefreshTokenStore restarted = new FileRefreshTokenStore(file, clock);
    assertTrue(restarted.find("h1").orElseThrow().used() && restarted.familyRevoked("f9"));
  }

  @Test
  void whenAFlagOrFieldIsDamaged_thenTheFileIsRefusedNotReadAsUnused(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("refresh-tokens.txt");
    String line = token("h1", "f1", "alice").markUsed().toLine();
    for (String bad :
        List.of(
            line.replace(" true ", " tru "),
            line.substring(0, line.lastIndexOf(' ')),
            line.replace(" f1 ", "  "),
            "family f1 later")) {
      // Checksum and count are right: the line itself is what is wrong.
      Files.write(file, StateFile.format(List.of(bad)));
      CorruptStateException e =
          assertThrows(CorruptStateException.class, () -> new FileRefreshTokenStore(file, clock));
      assertTrue(e.getMessage().contains("line 2 does not parse"), e.getMessage());
    }
  }

  @Test
  void whenTheFileIsLegacyWithoutHeader_thenItIsReadOnceAndRewrittenChecked(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("refresh-tokens.txt");
    long until = clock.millis() + 60_000;
    Files.writeString(
        file, "family f0 " + until + "\n" + token("h1", "f1", "alice").markUsed().toLine() + "\n");
    List<LogRecord> logged = new ArrayList<>();
    FileRefreshTokenStore store =
        FileRevocationStoreTest.logging(logged, () -> new FileRefreshTokenStore(file, clock));
    assertTrue(store.familyRevoked("f0") && store.find("h1").orElseThrow().used());
    assertEquals(1, logged.size(), "one warning");

    store.save(token("h2", "f2", "bob"));
    assertEquals(StateFile.HEADER, Files.readAllLines(file, StandardCharsets.UTF_8).get(0));
    FileRefreshTokenStore restarted = new FileRefreshTokenStore(file, clock);
    assertTrue(restarted.familyRevoked("f0") && restarted.find("h1").orElseThrow().used());
    assertTrue(restarted.find("h2").isPresent());
  }

  @Test
  void whenTheFileCannotBeWritten_thenStateUnavailableAndASpentTokenStaysSpent(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("refresh-tokens.txt");
    FileRefreshTokenStore store = new FileRefreshTokenStore(file, clock);
    store.save(token("h1", "f1", "alice"));
    store.save(token("h2", "f2", "alice"));
    Path blocker = Files.createDirectories(StateFile.tmpOf(file).resolve("blocker"));

    StateUnavailableException e =
        assertThrows(StateUnavailableException.class, () -> store.markUsed("h1"));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertTrue(store.find("h1").orElseThrow().used(), "fail safe: spent in memory all the same");
    assertThrows(
        StateUnavailableException.class,
        () -> store.revokeFamily("f2", clock.instant().plusSeconds(600)));
    assertTrue(store.familyRevoked("f2") && store.find("h2").orElseThrow().revoked());
    assertThrows(
        StateUnavailableException.class,
        () -> store.revokeUser("alice", clock.instant().plusSeconds(600)));
    assertTrue(store.familyRevoked("f1"));
    assertThrows(StateUnavailableException.class, () -> store.save(token("h3", "f3", "bob")));
    assertTrue(store.find("h3").isPresent());

    Files.delete(blocker);
    Files.delete(blocker.getParent());
    store.save(token("h4", "f4", "bob"));
    FileRefreshTokenStore restarted = new FileRefreshTokenStore(file, clock);
    assertTrue(restarted.find("h1").orElseThrow().used(), "the next write persists it");
    assertTrue(restarted.familyRevoked("f1") && restarted.familyRevoked("f2"));
  }

  private RefreshToken token(String hash, String family, String user) {
    Instant now = clock.instant();
    return new RefreshToken(
        hash, family, user, Set.of("users", "a,b"), now, now, now.plusSeconds(3600), false, false);
  }
}
