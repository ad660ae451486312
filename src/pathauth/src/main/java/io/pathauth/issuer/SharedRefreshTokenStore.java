package io.pathauth.issuer;

import io.pathauth.state.Cas;
import io.pathauth.state.KeyValueStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The cluster {@link RefreshTokenStore}. Tokens (by hash), revoked families and a per-user index of
 * token hashes live in three shared key-value stores; "used" is set with compare-and-set, so a
 * refresh token is exchanged once across the whole cluster, and a family revoked on one node is
 * revoked everywhere (a token read from the store is reported revoked when its family is).
 */
public final class SharedRefreshTokenStore implements RefreshTokenStore {

  /** The per-user index is pruned of expired and unknown hashes when it grows past this. */
  private static final int INDEX_PRUNE_AT = 32;

  private final KeyValueStore tokens;
  private final KeyValueStore families;
  private final KeyValueStore users;
  private final RevocationEpoch epoch;
  private final Clock clock;

  /**
   * @param tokens hash → {@link RefreshToken#toLine()}
   * @param families family → epoch millis until which it is revoked
   * @param users user → space-separated hashes of the user's tokens
   * @param epoch advanced after a family is revoked (its access tokens are refused too)
   */
  public SharedRefreshTokenStore(
      KeyValueStore tokens,
      KeyValueStore families,
      KeyValueStore users,
      RevocationEpoch epoch,
      Clock clock) {
    this.tokens = tokens;
    this.families = families;
    this.users = users;
    this.epoch = epoch;
    this.clock = clock;
  }

  @Override
  public void save(RefreshToken token) {
    tokens.put(token.hash(), token.toLine());
    Cas.update(
        users,
        token.user(),
        v -> {
          List<String> hashes = new ArrayList<>(hashes(v));
          if (hashes.size() >= INDEX_PRUNE_AT) {
            hashes.removeIf(h -> find(h).filter(t -> t.expiresAt().isAfter(now())).isEmpty());
          }
          hashes.add(token.hash());
          return Optional.of(String.join(" ", hashes));
        });
  }

  @Override
  public Optional<RefreshToken> find(String hash) {
    return tokens.get(hash).flatMap(RefreshToken::fromLine).map(this::withFamilyState);
  }

  @Override
  public Optional<RefreshToken> markUsed(String hash) {
    Optional<String> before =
        Cas.update(
            tokens,
            hash,
            v ->
                v.flatMap(RefreshToken::fromLine)
                    .map(t -> t.used() ? t : t.markUsed())
                    .map(RefreshToken::toLine)
                    .or(() -> v));
    return before.flatMap(RefreshToken::fromLine).map(this::withFamilyState);
  }

  @Override
  public void revokeFamily(String family, Instant keepUntil) {
    Cas.extendUntil(families, family, keepUntil.toEpochMilli());
    epoch.advance();
  }

  @Override
  public boolean familyRevoked(String family) {
    return Cas.isBefore(clock.millis(), families, family);
  }

  @Override
  public void revokeUser(String user, Instant keepUntil) {
    for (String family :
        tokensOf(user).stream().map(RefreshToken::family).collect(Collectors.toSet())) {
      revokeFamily(family, keepUntil);
    }
  }

  @Override
  public List<RefreshToken> active(String user) {
    Instant now = now();
    return tokensOf(user).stream()
        .filter(t -> !t.used() && !t.revoked() && t.expiresAt().isAfter(now))
        .toList();
  }

  private List<RefreshToken> tokensOf(String user) {
    return hashes(users.get(user)).stream()
        .map(this::find)
        .flatMap(Optional::stream)
        .filter(t -> t.user().equals(user))
        .toList();
  }

  private RefreshToken withFamilyState(RefreshToken t) {
    return !t.revoked() && familyRevoked(t.family()) ? t.markRevoked() : t;
  }

  private Instant now() {
    return clock.instant();
  }

  private static List<String> hashes(Optional<String> index) {
    return index.filter(s -> !s.isEmpty()).map(s -> Arrays.asList(s.split(" "))).orElse(List.of());
  }
}
