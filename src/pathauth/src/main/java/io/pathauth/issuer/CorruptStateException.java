package io.pathauth.issuer;

import io.pathauth.PathAuthException;
import java.nio.file.Path;

/**
 * A state file (revocations, refresh tokens) is torn, truncated or edited. Thrown when the store is
 * built, that is at deployment, so the application does not start: reading such a file as "nothing
 * revoked" would let revoked tokens and spent refresh tokens back in. The message names the file,
 * what is wrong and what the operator can do.
 */
public final class CorruptStateException extends PathAuthException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String problem;

  CorruptStateException(Path file, String problem) {
    this(file, problem, null);
  }

  CorruptStateException(Path file, String problem, Throwable cause) {
    super(message(file, problem), cause);
    this.file = file.toAbsolutePath().toString();
    this.problem = problem;
  }

  /** The absolute path of the file at fault. */
  public String file() {
    return file;
  }

  /** What is wrong with it, e.g. "checksum mismatch". */
  public String problem() {
    return problem;
  }

  private static String message(Path file, String problem) {
    return "pathauth: the state file "
        + file.toAbsolutePath()
        + " is damaged: "
        + problem
        + ". pathauth does not start rather than read it as 'nothing revoked'. Restore the file"
        + " from a backup, or delete it knowingly: that forgets what it held (revoked tokens are"
        + " accepted again until they expire, forced logouts are undone, refresh tokens are"
        + " refused and their users log in again).";
  }
}
