package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.config.TokenSettings;
import io.pathauth.jwt.BearerVerification;
import io.pathauth.jwt.InvalidBearerTokenException;
import io.pathauth.jwt.KeyRoutingVerifier;
import io.pathauth.jwt.TimestampCheck;
import io.pathauth.support.TestSettings;
import io.pathauth.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall clock stepped forward or back (NTP after a VM resume, an operator, a wrong RTC), through
 * the issuer, its file stores and bearer verification, all on one injected clock: tokens expire by
 * the clock they are checked with, and no step within {@link StateFile#PURGE_GRACE_MILLIS} forgets
 * a bearer logout, a forced logout or a spent refresh token, in memory or across a restart.
 */
class ClockJumpTest {

  private static final Duration ACCESS = Duration.ofSeconds(300); // TokenTestSupport
  private static final Duration AHEAD = Duration.ofMinutes(59);

  // Starts at the real time: smallrye-jwt (jose4j) checks exp against the system clock as well, so
  // the tokens must be current for it; the checks under test use this clock.
  private final MutableClock clock = new MutableClock(Instant.now());
  @TempDir Path dir;
  private TokenSettings settings;
  private SigningKeys keys;
  private TokenService service;
  private KeyRoutingVerifier verifier;
  private FileRevocationStore revocations;

  @BeforeEach
  void setUp() {
    settings = TokenTestSupport.settings(dir, "RS256", List.of());
    keys = SigningKeys.load(settings, clock);
    verifier =
        new KeyRoutingVerifier(
            keys,
            TestSettings.jwt(
                    Optional.empty(),
                    Optional.empty(),
                    Set.of("RS256"),
                    Optional.empty(),
                    List.of(),
                    0,
                    Optional.empty())
                .forOwnTokens(settings.issuer(), settings.audience()),
            null);
    restart();
  }

  /** A new issuer on the same files, as after a server restart at the clock's current time. */
  private void restart() {
    revocations = new FileRevocationStore(dir.resolve("revocations.txt"), clock);
    service =
        new TokenService(
            settings,
            keys,
            new FileRefreshTokenStore(dir.resolve("refresh-tokens.txt"), clock),
            revocations,
            clock,
            Duration.ZERO,
            Duration.ofHours(3));
  }

  /** Bearer verification as a request meets it: signature, then time, then revocation. */
  private JsonWebToken verify(String token) {
    return new BearerVerification(
            request -> Optional.of(token),
            verifier,
            new TimestampCheck(0, OptionalLong.empty(), clock),
            new RevocationCheck(revocations, Optional.of(service), Optional.empty()))
        .verify(null)
        .orElseThrow();
  }

  private String refused(String token) {
    return assertThrows(InvalidBearerTokenException.class, () -> verify(token))
        .error()
        .description();
  }

  /** Some other write, at the clock's current time: every write purges what it considers over. */
  private void anotherWrite() {
    service.logout(verify(service.issue("carol", Set.of("user"), false).accessToken()));
  }

  @Test
  void whenTheClockJumpsPastExp_thenTheTokenIsRefusedAsExpired() {
    String token = service.issue("alice", Set.of("user"), false).accessToken();
    assertEquals("alice", verify(token).getName());

    clock.advance(ACCESS.plusSeconds(1));
    assertEquals("The token has expired", refused(token));
  }

  @Test
  void whenTheClockStepsAheadAndBack_thenALoggedOutTokenStaysRevoked() {
    String token = service.issue("alice", Set.of("user"), true).accessToken();
    service.logout(verify(token));

    clock.advance(AHEAD); // the token is past exp here: its revocation looks over
    assertEquals("The token has expired", refused(token));
    anotherWrite();
    restart();
    clock.advance(AHEAD.negated()); // corrected: the token is within its lifetime again

    assertEquals("The token has been revoked", refused(token));
    restart();
    assertEquals("The token has been revoked", refused(token), "and after a restart");
  }

  @Test
  void whenTheClockStepsAheadAndBack_thenAForcedLogoutStillEndsOlderTokens() {
    String token = service.issue("alice", Set.of("user"), false).accessToken();
    clock.advance(Duration.ofSeconds(1));
    service.forceLogout("alice");

    clock.advance(Duration.ofHours(3).plus(AHEAD)); // past the forced logout's retention
    anotherWrite();
    restart();
    clock.advance(Duration.ofHours(3).plus(AHEAD).negated());

    assertEquals("The token has been revoked", refused(token));
    assertEquals(
        "alice",
        verify(service.issue("alice", Set.of("user"), false).accessToken()).getName(),
        "a token issued after the forced logout is accepted");
  }

  @Test
  void whenTheClockStepsBack_thenASpentRefreshTokenStaysSpentAndItsFamilyEnds() {
    TokenResponse first = service.issue("alice", Set.of("user"), true);
    TokenResponse second = service.refresh(first.refreshToken());

    clock.advance(Duration.ofMinutes(-30));
    restart();
    assertThrows(TokenGrantException.class, () -> service.refresh(first.refreshToken()));
    assertThrows(
        TokenGrantException.class,
        () -> service.refresh(second.refreshToken()),
        "reuse revoked the family");
    assertEquals("The token has been revoked", refused(second.accessToken()));
  }

  @Test
  void whenTheClockIsAheadAtARefresh_thenTheTokenIsRefusedThenAndAfterTheClockIsBack() {
    TokenResponse issued = service.issue("alice", Set.of("user"), true);

    clock.advance(Duration.ofSeconds(3601)); // past the refresh token's lifetime (3600 s)
    assertThrows(TokenGrantException.class, () -> service.refresh(issued.refreshToken()));
    anotherWrite();
    clock.advance(Duration.ofSeconds(-3601));

    assertThrows(TokenGrantException.class, () -> service.refresh(issued.refreshToken()));
  }

  @Test
  void whenTheClockStaysAheadLongerThanTheGrace_thenOldRevocationsAreFinallyForgotten() {
    String token = service.issue("alice", Set.of("user"), false).accessToken();
    service.logout(verify(token));
    assertEquals(1, revocations.size());

    clock.advance(ACCESS.plus(Duration.ofMillis(StateFile.PURGE_GRACE_MILLIS)).plusSeconds(1));
    anotherWrite();
    restart();

    assertEquals(1, revocations.size(), "only the new write's revocation is held");
    assertDoesNotThrow(() -> verifier.verify(token), "the signature is still good");
    assertEquals("The token has expired", refused(token));
  }
}
