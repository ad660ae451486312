package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The group commit: one file write for every change made before it began, none lost. */
class StateFileTest {

  @Test
  void whenAWriteHoldsAChange_thenCommittingThatChangeWritesNothingMore(@TempDir Path dir) {
    StateFile file = new StateFile(dir.resolve("s.txt"));
    List<String> state = new ArrayList<>();
    long first = change(file, state, "a");
    long second = change(file, state, "b");
    long third = change(file, state, "c");

    file.commit(third, () -> new StateFile.Snapshot(List.copyOf(state), file.changesSoFar()));
    assertEquals(1, file.writes());
    file.commit(first, () -> new StateFile.Snapshot(List.of("never written"), 0));
    file.commit(second, () -> new StateFile.Snapshot(List.of("never written"), 0));
    assertEquals(1, file.writes(), "the first write held the two earlier changes");

    long fourth = change(file, state, "d");
    file.commit(fourth, () -> new StateFile.Snapshot(List.copyOf(state), file.changesSoFar()));
    assertEquals(2, file.writes());
    List<String> read = new ArrayList<>();
    file.read(read::add);
    assertEquals(List.of("a", "b", "c", "d"), read);
  }

  private static long change(StateFile file, List<String> state, String entry) {
    state.add(entry);
    return file.changed();
  }

  @Test
  void whenManyThreadsRevoke_thenEveryAcknowledgedRevocationIsInTheFileWithFewerWrites(
      @TempDir Path dir) throws Exception {
    Path path = dir.resolve("revocations.txt");
    FileRevocationStore store = new FileRevocationStore(path, Clock.systemUTC());
    Instant until = Instant.now().plusSeconds(600);
    int threads = 16;
    int each = 40;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      String prefix = "t" + t + "-";
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  store.revoke(prefix + i, until);
                }
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();

    FileRevocationStore restarted = new FileRevocationStore(path, Clock.systemUTC());
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < each; i++) {
        assertTrue(restarted.isRevoked("t" + t + "-" + i), "t" + t + "-" + i);
      }
    }
    assertEquals(threads * each, restarted.size());
  }
}
