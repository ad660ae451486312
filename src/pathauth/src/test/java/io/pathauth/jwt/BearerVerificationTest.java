package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.support.FakeRequests;
import io.pathauth.testing.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The verification pipeline's order and answers, with its steps faked. */
class BearerVerificationTest {

  private final MutableClock clock = new MutableClock();
  private final long now = clock.instant().getEpochSecond();
  private final List<String> steps = new ArrayList<>();

  private BearerVerification pipeline(
      Optional<String> token, ClaimsToken verified, boolean revoked) {
    return new BearerVerification(
        request -> {
          steps.add("resolve");
          return token;
        },
        raw -> {
          steps.add("verify " + raw);
          return verified;
        },
        new TimestampCheck(0, OptionalLong.empty(), clock),
        jwt -> {
          steps.add("revoked?");
          return revoked;
        });
  }

  @Test
  void whenTheRequestCarriesNoToken_thenEmptyAndNothingElseRuns() {
    assertTrue(
        pipeline(Optional.empty(), null, false).verify(FakeRequests.withAttributes()).isEmpty());
    assertEquals(List.of("resolve"), steps);
  }

  @Test
  void whenEveryStepPasses_thenTheVerifiedTokenInOrder() {
    ClaimsToken jwt = ClaimsToken.of("alice", now, now + 60);
    assertSame(
        jwt, pipeline(Optional.of("t"), jwt, false).verify(FakeRequests.withAttributes()).get());
    assertEquals(List.of("resolve", "verify t", "revoked?"), steps);
  }

  @Test
  void whenTheVerifiedTokenHasExpired_thenRefusedBeforeTheRevocationCheck() {
    ClaimsToken jwt = ClaimsToken.of("alice", now - 120, now - 60);
    InvalidBearerTokenException e =
        assertThrows(
            InvalidBearerTokenException.class,
            () -> pipeline(Optional.of("t"), jwt, false).verify(FakeRequests.withAttributes()));
    assertEquals("The token has expired", e.error().description());
    assertEquals(List.of("resolve", "verify t"), steps);
  }

  @Test
  void whenTheTokenWasRevoked_thenInvalidTokenRevoked() {
    ClaimsToken jwt = ClaimsToken.of("alice", now, now + 60);
    InvalidBearerTokenException e =
        assertThrows(
            InvalidBearerTokenException.class,
            () -> pipeline(Optional.of("t"), jwt, true).verify(FakeRequests.withAttributes()));
    assertEquals(401, e.error().status());
    assertEquals("The token has been revoked", e.error().description());
  }
}
