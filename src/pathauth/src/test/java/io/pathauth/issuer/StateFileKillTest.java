package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code kill -9}: a child JVM ({@link KillNineWriter}) writes to the file stores as fast as
 * it can and acknowledges every call that returned; it is killed (SIGKILL) at a random moment, most
 * often in the middle of a write, and the stores are opened again. Every run continues on the files
 * the previous kill left, so a store also opens what a killed store left behind.
 */
class StateFileKillTest {

  private static final int RUNS = 25;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void whenTheWriterIsKilledAtAnyMoment_thenEveryAcknowledgedWriteHoldsAndTheFilesAreRead(
      @TempDir Path dir) throws Exception {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    Clock clock = Clock.systemUTC();
    List<String> acknowledged = new CopyOnWriteArrayList<>();
    int killedMidWrite = 0;
    long started = System.nanoTime();
    for (int run = 0; run < RUNS; run++) {
      String context = "run " + run + " (seed " + seed + ")";
      Path stderr = dir.resolve("child-" + run + ".err");
      List<String> acks = killAfterRandomDelay(dir, "r" + run, stderr, random, context);
      acknowledged.addAll(acks);
      if (Files.exists(StateFile.tmpOf(dir.resolve("revocations.txt")))
          || Files.exists(StateFile.tmpOf(dir.resolve("refresh-tokens.txt")))) {
        killedMidWrite++;
      }

      // Opening throws if either file is torn; then every acknowledged call must hold.
      FileRevocationStore revocations =
          new FileRevocationStore(dir.resolve("revocations.txt"), clock);
      FileRefreshTokenStore tokens =
          new FileRefreshTokenStore(dir.resolve("refresh-tokens.txt"), clock);
      for (String ack : acknowledged) {
        String[] f = ack.split(" ");
        if (f[0].equals("revoked")) {
          assertTrue(revocations.isRevoked("jti-" + f[1]), ack + " lost after " + context);
        } else {
          assertTrue(
              tokens.find("hash-" + f[1]).map(RefreshToken::used).orElse(false),
              ack + " lost after " + context);
        }
      }
      assertFalse(Files.exists(StateFile.tmpOf(dir.resolve("revocations.txt"))));
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(
        "StateFileKillTest: %d kills, %d acknowledged writes held, %d kills left a .tmp (mid-write),"
            + " %d ms (seed %d)%n",
        RUNS, acknowledged.size(), killedMidWrite, millis, seed);
    assertTrue(acknowledged.size() >= RUNS, "each run acknowledged at least one write");
  }

  /** Starts the writer, waits for its first acknowledgement, kills it, returns every ack. */
  private static List<String> killAfterRandomDelay(
      Path dir, String run, Path stderr, Random random, String context) throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                KillNineWriter.class.getName(),
                dir.toString(),
                run)
            .redirectError(stderr.toFile())
            .start();
    List<String> acks = new CopyOnWriteArrayList<>();
    CountDownLatch firstAckOrEnd = new CountDownLatch(1);
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  if (line.endsWith(" .")) {
                    acks.add(line.substring(0, line.length() - 2));
                    firstAckOrEnd.countDown();
                  }
                }
              } catch (IOException e) {
                // the pipe broke with the kill: what was read is what counts
              } finally {
                firstAckOrEnd.countDown();
              }
            },
            "kill-nine-reader-" + run);
    reader.setDaemon(true);
    reader.start();
    try {
      if (!firstAckOrEnd.await(20, TimeUnit.SECONDS)) {
        throw new TimeoutException("no acknowledgement within 20 s, " + context);
      }
      if (acks.isEmpty()) {
        fail("the writer ended without writing, " + context + ": " + Files.readString(stderr));
      }
      // Mostly within the first writes, sometimes later when the files are larger.
      Thread.sleep(random.nextInt(4) == 0 ? random.nextInt(300) : random.nextInt(40));
      child.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no finally, no flush
      assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the writer did not die, " + context);
      reader.join(10_000);
      assertFalse(reader.isAlive(), "the writer's output did not end, " + context);
      assertTrue(child.exitValue() != 0, "killed, not ended");
      return List.copyOf(acks);
    } finally {
      if (child.isAlive()) {
        child.destroyForcibly();
        child.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
