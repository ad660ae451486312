package io.pathauth.issuer;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The child JVM of {@link StateFileKillTest}: revokes new token ids and spends new refresh tokens
 * in the file stores, as fast as it can, and acknowledges each call on standard output once it
 * returned, until it is killed. Arguments: the state directory and a name for this run.
 */
public final class KillNineWriter {

  private KillNineWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String run = args[1];
    Clock clock = Clock.systemUTC();
    FileRevocationStore revocations =
        new FileRevocationStore(dir.resolve("revocations.txt"), clock);
    FileRefreshTokenStore tokens =
        new FileRefreshTokenStore(dir.resolve("refresh-tokens.txt"), clock);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    Instant now = clock.instant();
    Instant until = now.plusSeconds(3600);
    for (int i = 0; ; i++) {
      String id = run + "-" + i;
      revocations.revoke("jti-" + id, until);
      ack(out, "revoked " + id);
      tokens.save(
          new RefreshToken(
              "hash-" + id, "family-" + id, "user", Set.of("g"), now, now, until, false, false));
      tokens.markUsed("hash-" + id);
      ack(out, "spent " + id);
    }
  }

  /** One line per write(2), ended by " ." so that only a whole line counts. */
  private static void ack(PrintStream out, String what) {
    out.print(what + " .\n");
    out.flush();
  }
}
