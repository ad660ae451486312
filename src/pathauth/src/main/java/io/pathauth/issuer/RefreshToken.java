package io.pathauth.issuer;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A stored refresh token. Only the SHA-256 of the token is kept; the token itself exists only in
 * the client's hands.
 *
 * @param hash base64url SHA-256 of the opaque token
 * @param family the rotation family: every token obtained by refreshing shares it
 * @param user the caller name
 * @param groups the caller's groups at login
 * @param familyStartedAt when the login that started the family happened
 * @param issuedAt when it was issued
 * @param expiresAt when it expires
 * @param used whether it was already exchanged (a second use means theft: the family is revoked)
 * @param revoked whether its family was revoked
 */
public record RefreshToken(
    String hash,
    String family,
    String user,
    Set<String> groups,
    Instant familyStartedAt,
    Instant issuedAt,
    Instant expiresAt,
    boolean used,
    boolean revoked) {

  public RefreshToken {
    groups = Set.copyOf(groups);
  }

  /** One line of text: what the stores keep (the file store's line format). */
  String toLine() {
    return String.join(
        " ",
        hash,
        family,
        StateFile.encode(user),
        groups.stream().map(StateFile::encode).collect(Collectors.joining(",")),
        Long.toString(familyStartedAt.toEpochMilli()),
        Long.toString(issuedAt.toEpochMilli()),
        Long.toString(expiresAt.toEpochMilli()),
        Boolean.toString(used),
        Boolean.toString(revoked));
  }

  /** The token {@link #toLine()} wrote, or empty when the line has not its number of fields. */
  static Optional<RefreshToken> fromLine(String line) {
    return line.split(" ", -1).length != 9 ? Optional.empty() : Optional.of(parse(line));
  }

  /**
   * The token {@link #toLine()} wrote.
   *
   * @throws IllegalArgumentException when the line is not one (a flag must be exactly {@code true}
   *     or {@code false}: a damaged {@code used} must not read as "not used")
   */
  static RefreshToken parse(String line) {
    String[] f = line.split(" ", -1);
    if (f.length != 9) {
      throw new IllegalArgumentException("a refresh token line has 9 fields, not " + f.length);
    }
    if (f[0].isEmpty() || f[1].isEmpty()) {
      throw new IllegalArgumentException("a refresh token line names its hash and family");
    }
    Set<String> groups =
        f[3].isEmpty()
            ? Set.of()
            : Arrays.stream(f[3].split(",", -1))
                .map(StateFile::decode)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    return new RefreshToken(
        f[0],
        f[1],
        StateFile.decode(f[2]),
        groups,
        Instant.ofEpochMilli(Long.parseLong(f[4])),
        Instant.ofEpochMilli(Long.parseLong(f[5])),
        Instant.ofEpochMilli(Long.parseLong(f[6])),
        flag(f[7]),
        flag(f[8]));
  }

  private static boolean flag(String s) {
    return switch (s) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a flag: '" + s + "'");
    };
  }

  RefreshToken markUsed() {
    return new RefreshToken(
        hash, family, user, groups, familyStartedAt, issuedAt, expiresAt, true, revoked);
  }

  RefreshToken markRevoked() {
    return new RefreshToken(
        hash, family, user, groups, familyStartedAt, issuedAt, expiresAt, used, true);
  }
}
