package io.pathauth.issuer;

import io.pathauth.state.StateUnavailableException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A small text file that pathauth keeps its state in. Text, not Java serialization: nothing in it
 * is executable. It survives {@code kill -9} and a system crash at any moment:
 *
 * <ul>
 *   <li>it is written whole to {@code <name>.tmp} next to it, forced to the disk, renamed over the
 *       file atomically, and the directory is forced so the rename itself is durable: a reader sees
 *       the old file or the new one, never a mix, and a write that returned is not lost;
 *   <li>its first line is {@value #HEADER} and its last {@code pathauth-state-end <count>
 *       sha256:<hex>}: the number of entry lines and the SHA-256 of every byte before that line
 *       ({@code head -n -1 FILE | sha256sum}), so a truncated, torn, empty or edited file is
 *       refused with a {@link CorruptStateException} instead of being read as fewer entries.
 * </ul>
 *
 * Files of pathauth 0.1 have neither line; they are read once if every line parses and rewritten in
 * this format at the next write.
 */
final class StateFile {

  static final String HEADER = "pathauth-state 1";

  /**
   * How long past its end a revocation is still kept. A revocation only matters while the token it
   * rejects is unexpired, but "expired" is read from the wall clock, which can be stepped: a clock
   * set an hour ahead and corrected afterwards (NTP after a VM resume, an operator) would otherwise
   * have purged revocations of tokens that are valid again once the clock is right. Jumps up to
   * this long lose nothing; the cost is holding each revocation this much longer.
   */
  static final long PURGE_GRACE_MILLIS = java.time.Duration.ofHours(1).toMillis();

  static final String TRAILER = "pathauth-state-end";

  private static final Logger LOG = Logger.getLogger(StateFile.class.getName());
  private static final String DIGEST = "sha256:";

  private final Path file;

  StateFile(Path file) {
    this.file = file.toAbsolutePath();
  }

  Path path() {
    return file;
  }

  /**
   * Gives each entry line, in order, to {@code parser}, which throws (any runtime exception) for a
   * line it does not understand. A missing file is a first start: no entries. A leftover {@code
   * .tmp} from a write that a crash interrupted is deleted unread.
   *
   * @throws CorruptStateException when the file fails its check or a line does not parse
   * @throws StateUnavailableException when the file cannot be read at all
   */
  void read(Consumer<String> parser) {
    deleteLeftover(tmpOf(file));
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException firstStart) {
      return;
    } catch (IOException e) {
      // Not "no file": an unreadable file or directory is refused, never taken for an empty state.
      throw new StateUnavailableException("pathauth: cannot read the state file " + file, e);
    }
    if (bytes.length == 0) {
      throw corrupt(
          "it is empty (zero bytes), with no header. pathauth never writes an empty file (an empty"
              + " state has a header and a trailer); an earlier version, or a system crash before"
              + " the data reached the disk, leaves one, so what it held is unknown");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw corrupt("it is not UTF-8 text: bytes were damaged", e);
    }
    if (bytes[bytes.length - 1] != '\n') {
      throw corrupt("its last line has no line end: the file was cut short");
    }
    List<String> lines = Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    if (lines.get(0).equals(HEADER)) {
      checkTrailer(lines, bytes);
      parse(lines.subList(1, lines.size() - 1), 2, parser);
    } else if (lines.get(0).startsWith("pathauth-state")) {
      throw corrupt("line 1 is not the header '" + HEADER + "' (damaged, or a newer version)");
    } else {
      // pathauth 0.1 wrote no header. Such a file is accepted only when every line parses and it
      // ends with a line end (checked above), which is the best that can be checked without a
      // checksum; a zero-length one was refused above.
      parse(lines, 1, parser);
      LOG.warning(
          "pathauth: the state file "
              + file
              + " has no header and no checksum (written by an earlier version); its "
              + lines.size()
              + " lines were read, and it is rewritten in the checked format at the next write");
    }
  }

  private void checkTrailer(List<String> lines, byte[] bytes) {
    if (lines.size() < 2) {
      throw corrupt("it has a header but no trailer line: the file was cut short");
    }
    String[] t = lines.get(lines.size() - 1).split(" ", -1);
    if (t.length != 3 || !t[0].equals(TRAILER) || !t[2].startsWith(DIGEST)) {
      throw corrupt(
          "its last line is not the trailer '"
              + TRAILER
              + " <count> sha256:<hex>': the file was cut short or edited");
    }
    int entries = lines.size() - 2;
    if (!t[1].equals(Integer.toString(entries))) {
      throw corrupt(
          "count mismatch: the trailer counts '"
              + t[1]
              + "' entry lines, the file holds "
              + entries
              + ": lines were lost or added");
    }
    // The checked bytes end with the line end before the trailer (bytes ends with '\n').
    int end = bytes.length - 1;
    while (bytes[end - 1] != '\n') {
      end--;
    }
    if (!t[2].equals(DIGEST + sha256(bytes, end))) {
      throw corrupt(
          "checksum mismatch: the SHA-256 of the lines before the trailer is not the one written:"
              + " the file was damaged or edited");
    }
  }

  private void parse(List<String> lines, int firstLineNumber, Consumer<String> parser) {
    for (int i = 0; i < lines.size(); i++) {
      try {
        parser.accept(lines.get(i));
      } catch (RuntimeException e) {
        // Never skipped: an entry that is not understood may be a revocation.
        throw corrupt("line " + (firstLineNumber + i) + " does not parse (" + e + ")", e);
      }
    }
  }

  private CorruptStateException corrupt(String problem) {
    return new CorruptStateException(file, problem);
  }

  private CorruptStateException corrupt(String problem, Throwable cause) {
    return new CorruptStateException(file, problem, cause);
  }

  /** Changes made to the store's state so far; counted under the store's lock (group commit). */
  private final AtomicLong changes = new AtomicLong();

  /** The number of changes the file holds (guarded by this object's lock). */
  private long written;

  /** Snapshots written (tests: the group commit shares writes). */
  private final AtomicLong writes = new AtomicLong();

  /**
   * Counts one change to the store's state. The store calls it while it holds its own lock, in the
   * same block that changes the state, and passes the result to {@link #commit}.
   */
  long changed() {
    return changes.incrementAndGet();
  }

  /**
   * The store's state as lines, and how many changes it includes ({@link #changes} read under the
   * store's lock, in the same block that copies the state).
   */
  record Snapshot(List<String> entries, long changes) {}

  /** The count {@link Snapshot#changes} wants: read it under the store's lock. */
  long changesSoFar() {
    return changes.get();
  }

  /**
   * Returns once change number {@code change} is on the disk (group commit). A file write costs the
   * same for one change as for a hundred, so writers do not queue one write each: the first caller
   * writes a snapshot of everything changed so far, and callers whose change that snapshot holds
   * return without writing. A caller returns only after a write that includes its change returned.
   *
   * @throws StateUnavailableException when the file cannot be written (the change holds in memory;
   *     a later successful write includes it)
   */
  void commit(long change, Supplier<Snapshot> snapshot) {
    synchronized (this) {
      if (written >= change) {
        return; // a write that began after this change has persisted it
      }
      Snapshot s = snapshot.get();
      write(s.entries());
      written = Math.max(written, s.changes());
    }
  }

  /** Snapshots written so far. */
  long writes() {
    return writes.get();
  }

  /**
   * Replaces the file's entries with {@code entries} (lines without line ends), atomically and
   * durably.
   *
   * @throws StateUnavailableException when the file cannot be written; the file is then unchanged
   */
  synchronized void write(List<String> entries) {
    writes.incrementAndGet();
    try {
      writeAtomically(file, format(entries));
    } catch (IOException e) {
      throw new StateUnavailableException(
          "pathauth: cannot write the state file " + file + ": " + e, e);
    }
  }

  /** The bytes {@link #read} accepts: header, entries, trailer, each ending with a line end. */
  static byte[] format(List<String> entries) {
    StringBuilder text = new StringBuilder(HEADER).append('\n');
    for (String entry : entries) {
      if (entry.indexOf('\n') >= 0 || entry.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("a state entry is one line");
      }
      text.append(entry).append('\n');
    }
    byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
    byte[] trailer =
        (TRAILER + " " + entries.size() + " " + DIGEST + sha256(body, body.length) + "\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] all = Arrays.copyOf(body, body.length + trailer.length);
    System.arraycopy(trailer, 0, all, body.length, trailer.length);
    return all;
  }

  private static String sha256(byte[] bytes, int length) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, 0, length);
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Writes {@code file} so that after a crash at any moment it holds either its old content or
   * {@code content}: a new owner-only {@code <name>.tmp} in the same directory (a rename is atomic
   * only within one file system), forced to the disk, renamed over {@code file}, then the directory
   * forced.
   */
  static void writeAtomically(Path file, byte[] content) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    if (dir == null) {
      throw new IOException("not a file in a directory: " + target);
    }
    createPrivateDirectory(dir);
    Path tmp = tmpOf(target);
    Files.deleteIfExists(tmp);
    try {
      try (FileChannel channel = createPrivate(tmp)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        // The bytes reach the disk before the name points at them; otherwise a system crash
        // after the rename could leave the name on an empty or partial file.
        channel.force(true);
      }
      // No fallback to a non-atomic move: it deletes the old file first, and a crash in between
      // would leave no file, which reads as a first start ("nothing revoked").
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException again) {
        e.addSuppressed(again);
      }
      throw e;
    }
    fsyncDirectory(dir);
  }

  /** {@code <name>.tmp} next to {@code file}: what {@link #writeAtomically} writes first. */
  static Path tmpOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".tmp");
  }

  /** Deletes a {@code .tmp} a crash left behind; it is never read (the file itself is whole). */
  static void deleteLeftover(Path tmp) {
    try {
      if (Files.deleteIfExists(tmp)) {
        LOG.info("pathauth: deleted " + tmp + ", left by a write that a crash interrupted");
      }
    } catch (IOException e) {
      LOG.log(Level.FINE, "pathauth: cannot delete " + tmp + " (it is never read)", e);
    }
  }

  /**
   * Forces a directory's entries (a rename, a new file) to the disk. Without it a system crash
   * could undo a rename that a caller was told had succeeded.
   */
  static void fsyncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Only the directory's own sync is let go: Windows cannot open a directory as a channel
      // (AccessDeniedException) and some network and FUSE file systems refuse fsync on one
      // (EINVAL). They offer no other way to make a rename durable, and the file's bytes are on
      // the disk already; failing every write there would make pathauth unusable.
      LOG.log(Level.FINE, "pathauth: the file system cannot sync the directory " + dir, e);
    }
  }

  /** Creates a directory readable only by its owner (where the file system supports it). */
  static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    try {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createDirectories(dir);
    }
    // A new directory's own name is an entry of its parent: made durable like a rename.
    Path parent = dir.toAbsolutePath().getParent();
    if (parent != null) {
      fsyncDirectory(parent);
    }
  }

  /** A new file that is owner-only from its creation, never briefly world-readable. */
  private static FileChannel createPrivate(Path file) throws IOException {
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    try {
      return FileChannel.open(
          file,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      return FileChannel.open(file, options);
    }
  }

  static String encode(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
