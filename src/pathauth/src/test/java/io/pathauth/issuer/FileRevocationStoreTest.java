package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pathauth.state.StateUnavailableException;
import io.pathauth.testing.MutableClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
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
  void whenEntriesExpire_thenTheyNoLongerApplyAndAreForgottenAfterTheGrace(@TempDir Path dir) {
    FileRevocationStore store = new FileRevocationStore(dir.resolve("r.txt"), clock);
    store.revoke("old", clock.instant().plusSeconds(10));
    store.notBefore("bob", clock.instant(), clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(11));
    assertFalse(store.isRevoked("old"));
    assertEquals(Optional.empty(), store.notBefore("bob"));
    store.revoke("newer", clock.instant().plusSeconds(10));
    assertEquals(3, store.size(), "kept through the grace (a clock stepped back needs them)");

    clock.advance(Duration.ofMillis(StateFile.PURGE_GRACE_MILLIS).plusSeconds(11));
    store.revoke("new", clock.instant().plusSeconds(10)); // a write purges what is over
    assertEquals(1, store.size());
    assertEquals(1, new FileRevocationStore(dir.resolve("r.txt"), clock).size());
  }

  @Test
  void whenWritten_thenTheFileHasHeaderEntriesAndACheckedTrailerAndIsReadBackWhole(
      @TempDir Path dir) throws IOException {
    Path file = written(dir.resolve("revocations.txt"));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertEquals(StateFile.HEADER, lines.get(0));
    assertEquals(5, lines.size(), "header, 3 entries, trailer");
    assertTrue(lines.get(4).matches("pathauth-state-end 3 sha256:[0-9a-f]{64}"), lines.get(4));
    assertFalse(Files.exists(StateFile.tmpOf(file)), "no temporary file is left behind");

    FileRevocationStore restarted = new FileRevocationStore(file, clock);
    assertEquals(3, restarted.size());
    assertTrue(restarted.isRevoked("jti-1"));
    assertTrue(restarted.isRevoked("jti with spaces, ünïcode and\nline end"));
    assertEquals(Optional.of(clock.instant()), restarted.notBefore("alice"));
  }

  @Test
  void whenTheFileIsCutAtAnyByte_thenItIsRefusedUnlessWhole(@TempDir Path dir) throws IOException {
    byte[] whole = Files.readAllBytes(written(dir.resolve("written.txt")));
    Path file = dir.resolve("revocations.txt");
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, Arrays.copyOf(whole, length));
      CorruptStateException e =
          assertThrows(
              CorruptStateException.class,
              () -> new FileRevocationStore(file, clock),
              "cut after "
                  + length
                  + " of "
                  + whole.length
                  + " bytes: never read as fewer entries");
      assertEquals(file.toAbsolutePath().toString(), e.file());
    }
    Files.write(file, whole);
    assertEquals(3, new FileRevocationStore(file, clock).size(), "the whole file is read");
  }

  @Test
  void whenAnyByteIsFlipped_thenTheFileIsRefused(@TempDir Path dir) throws IOException {
    byte[] whole = Files.readAllBytes(written(dir.resolve("written.txt")));
    Path file = dir.resolve("revocations.txt");
    for (int i = 0; i < whole.length; i++) {
      for (int bit : new int[] {0x01, 0x20, 0x80}) {
        byte[] damaged = whole.clone();
        damaged[i] ^= (byte) bit;
        Files.write(file, damaged);
        assertThrows(
            CorruptStateException.class,
            () -> new FileRevocationStore(file, clock),
            "byte " + i + " xor " + bit);
      }
    }
  }

  @Test
  void whenALineIsRemovedOrTheContentEdited_thenTheProblemIsNamed(@TempDir Path dir)
      throws IOException {
    Path file = written(dir.resolve("revocations.txt"));
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

    List<String> shorter = new ArrayList<>(lines);
    shorter.remove(2);
    Files.write(file, shorter, StandardCharsets.UTF_8);
    assertProblem(file, "count mismatch");

    List<String> edited = new ArrayList<>(lines);
    String entry = edited.get(1); // ends with a time in milliseconds
    char last = entry.charAt(entry.length() - 1);
    edited.set(1, entry.substring(0, entry.length() - 1) + (last == '9' ? '8' : '9'));
    Files.write(file, edited, StandardCharsets.UTF_8);
    assertProblem(file, "checksum mismatch");

    Files.write(file, lines.subList(0, 4), StandardCharsets.UTF_8);
    assertProblem(file, "not the trailer");
  }

  @Test
  void whenTheFileIsEmpty_thenItIsRefusedNamingTheFileAndWhatToDo(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("revocations.txt");
    Files.write(file, new byte[0]);
    CorruptStateException e =
        assertThrows(CorruptStateException.class, () -> new FileRevocationStore(file, clock));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("empty (zero bytes)"), e.getMessage());
    assertTrue(e.getMessage().contains("Restore the file from a backup"), e.getMessage());
    assertTrue(e.getMessage().contains("delete it knowingly"), e.getMessage());
  }

  @Test
  void whenAnEntryLineDoesNotParse_thenTheFileIsRefusedNamingTheLine(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("revocations.txt");
    String until = Long.toString(clock.millis() + 60_000);
    for (String bad :
        List.of(
            "jti " + StateFile.encode("x") + " soon",
            "jti not*base64 " + until,
            "jti " + StateFile.encode("x"),
            "user " + StateFile.encode("bob") + " " + until,
            "session abc " + until,
            "")) {
      // A correct header, count and checksum around a line the store does not understand.
      Files.write(
          file, StateFile.format(List.of("jti " + StateFile.encode("ok") + " " + until, bad)));
      assertProblem(file, "line 3 does not parse");
    }
  }

  @Test
  void whenTheFileIsLegacyWithoutHeader_thenItIsReadOnceWithAWarningAndRewrittenChecked(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("revocations.txt");
    long until = clock.millis() + 60_000;
    Files.writeString(
        file,
        "jti "
            + StateFile.encode("old-1")
            + " "
            + until
            + "\nuser "
            + StateFile.encode("bob")
            + " "
            + clock.millis()
            + " "
            + until
            + "\n");
    List<LogRecord> logged = new ArrayList<>();
    FileRevocationStore store = logging(logged, () -> new FileRevocationStore(file, clock));
    assertTrue(store.isRevoked("old-1"));
    assertEquals(Optional.of(clock.instant()), store.notBefore("bob"));
    assertTrue(
        logged.stream()
            .anyMatch(
                r ->
                    r.getLevel() == Level.WARNING
                        && r.getMessage().contains(file.toAbsolutePath().toString())
                        && r.getMessage().contains("rewritten in the checked format")),
        "a warning names the file");

    store.revoke("new-1", Instant.ofEpochMilli(until));
    assertEquals(StateFile.HEADER, Files.readAllLines(file).get(0), "rewritten at the next write");
    FileRevocationStore restarted = new FileRevocationStore(file, clock);
    assertEquals(3, restarted.size());
    assertTrue(restarted.isRevoked("old-1") && restarted.isRevoked("new-1"));
  }

  @Test
  void whenALegacyFileHasALineThatDoesNotParseOrIsCut_thenItIsRefused(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("revocations.txt");
    String line = "jti " + StateFile.encode("old-1") + " " + (clock.millis() + 60_000);
    Files.writeString(file, line + "\njti " + StateFile.encode("old-2") + " 17x\n");
    assertProblem(file, "line 2 does not parse");
    // Cut inside the number: "…1234" would read as an earlier expiry; without a line end, refused.
    Files.writeString(file, line + "\n" + line.substring(0, line.length() - 3));
    assertProblem(file, "no line end");
  }

  @Test
  void whenATemporaryFileIsLeftOverFromACrash_thenItIsIgnoredAndDeleted(@TempDir Path dir)
      throws IOException {
    Path file = written(dir.resolve("revocations.txt"));
    Path tmp = StateFile.tmpOf(file);
    Files.writeString(tmp, "pathauth-state 1\njti half-writ");
    assertEquals(3, new FileRevocationStore(file, clock).size(), "the file is read, not the tmp");
    assertFalse(Files.exists(tmp));

    Path fresh = dir.resolve("fresh.txt");
    Files.writeString(StateFile.tmpOf(fresh), "garbage");
    assertEquals(0, new FileRevocationStore(fresh, clock).size(), "a first start");
    assertFalse(Files.exists(StateFile.tmpOf(fresh)));
  }

  @Test
  void whenTheFileCannotBeWritten_thenStateUnavailableAndTheRevocationStillHolds(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("revocations.txt");
    FileRevocationStore store = new FileRevocationStore(file, clock);
    store.revoke("before", clock.instant().plusSeconds(60));
    // A non-empty directory where the temporary file goes: no write can happen (the tests may run
    // as root, for whom a read-only directory is writable).
    Path blocker = Files.createDirectories(StateFile.tmpOf(file).resolve("blocker"));

    StateUnavailableException e =
        assertThrows(
            StateUnavailableException.class,
            () -> store.revoke("during", clock.instant().plusSeconds(60)));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertNotNull(e.getCause());
    assertTrue(store.isRevoked("during"), "fail safe: revoked in memory all the same");
    assertThrows(
        StateUnavailableException.class,
        () -> store.notBefore("carol", clock.instant(), clock.instant().plusSeconds(60)));
    assertTrue(store.loggedOutSince("carol", clock.instant().minusSeconds(1)));
    FileRevocationStore meanwhile = new FileRevocationStore(file, clock);
    assertTrue(meanwhile.isRevoked("before"), "the file is the last one written, whole");
    assertFalse(meanwhile.isRevoked("during"));

    Files.delete(blocker);
    Files.delete(blocker.getParent());
    store.revoke("after", clock.instant().plusSeconds(60));
    FileRevocationStore restarted = new FileRevocationStore(file, clock);
    assertTrue(
        restarted.isRevoked("before")
            && restarted.isRevoked("during")
            && restarted.isRevoked("after"),
        "the next write persists what failed to be written");
    assertTrue(restarted.notBefore("carol").isPresent());
  }

  @Test
  void whenTheDirectoryIsReadOnly_thenStateUnavailableAndTheRevocationStillHolds(@TempDir Path dir)
      throws IOException {
    PosixFileAttributeView posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    assumeTrue(posix != null, "POSIX permissions");
    Path file = dir.resolve("revocations.txt");
    FileRevocationStore store = new FileRevocationStore(file, clock);
    posix.setPermissions(PosixFilePermissions.fromString("r-x------"));
    try {
      assumeFalse(Files.isWritable(dir), "root writes to read-only directories");
      assertThrows(
          StateUnavailableException.class,
          () -> store.revoke("jti-1", clock.instant().plusSeconds(60)));
      assertTrue(store.isRevoked("jti-1"));
    } finally {
      posix.setPermissions(PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** A store file with two revoked tokens and a forced logout. */
  private Path written(Path file) {
    FileRevocationStore store = new FileRevocationStore(file, clock);
    store.revoke("jti-1", clock.instant().plusSeconds(60));
    store.revoke("jti with spaces, ünïcode and\nline end", clock.instant().plusSeconds(60));
    store.notBefore("alice", clock.instant(), clock.instant().plusSeconds(600));
    return file;
  }

  private void assertProblem(Path file, String problem) {
    CorruptStateException e =
        assertThrows(CorruptStateException.class, () -> new FileRevocationStore(file, clock));
    assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.problem().contains(problem), e.getMessage());
  }

  static <T> T logging(List<LogRecord> into, java.util.function.Supplier<T> action) {
    Logger logger = Logger.getLogger(StateFile.class.getName());
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            into.add(r);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      return action.get();
    } finally {
      logger.removeHandler(handler);
    }
  }
}
