package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.TokenSettings;
import io.pathauth.jwt.InvalidBearerTokenException;
import io.pathauth.jwt.KeyRoutingVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenServiceTest {

  private record Issuer(
      TokenService service, KeyRoutingVerifier verifier, FileRevocationStore revocations) {}

  private static Issuer issuer(Path dir, String algorithm) {
    Clock clock = Clock.systemUTC();
    TokenSettings s = TokenTestSupport.settings(dir, algorithm, List.of());
    SigningKeys keys = SigningKeys.load(s, clock);
    FileRevocationStore revocations = new FileRevocationStore(dir.resolve("rev.txt"), clock);
    TokenService service =
        new TokenService(
            s,
            keys,
            new FileRefreshTokenStore(dir.resolve("rt.txt"), clock),
            revocations,
            clock,
            java.time.Duration.ZERO,
            java.time.Duration.ofHours(2));
    return new Issuer(
        service,
        new KeyRoutingVerifier(keys, jwtSettings().forOwnTokens(s.issuer(), s.audience()), null),
        revocations);
  }

  private static io.pathauth.config.JwtSettings jwtSettings() {
    return io.pathauth.support.TestSettings.jwt(
        java.util.Optional.empty(),
        java.util.Optional.empty(),
        Set.of("RS256", "ES256"),
        java.util.Optional.empty(),
        List.of(),
        0,
        java.util.Optional.empty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"RS256", "ES256"})
  void whenIssued_thenTheTokenVerifiesWithTheIssuersKeys(String algorithm, @TempDir Path dir) {
    Issuer i = issuer(dir, algorithm);
    TokenResponse r = i.service().issue("alice", Set.of("user"), true);
    JsonWebToken jwt = i.verifier().verify(r.accessToken());
    assertEquals("alice", jwt.getName());
    assertEquals(Set.of("user"), jwt.getGroups());
    assertEquals("https://issuer.test", jwt.getIssuer());
    assertEquals(Set.of("aud-test"), jwt.getAudience());
    assertEquals(300, jwt.getExpirationTime() - jwt.getIssuedAtTime());
    assertTrue(jwt.getTokenID() != null && !jwt.getTokenID().isEmpty());
    assertTrue(r.refreshToken().length() >= 43);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":5}", "[\"RS256\"]", "not json"})
  void whenTheHeaderOrItsKidIsMalformed_thenTheTokenIsRefusedAsMalformed(
      String header, @TempDir Path dir) {
    Issuer i = issuer(dir, "RS256");
    String issued = i.service().issue("alice", Set.of("user"), false).accessToken();
    String forged =
        java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(header.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + issued.substring(issued.indexOf('.'));
    io.pathauth.jwt.InvalidBearerTokenException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            io.pathauth.jwt.InvalidBearerTokenException.class, () -> i.verifier().verify(forged));
    assertEquals("Malformed token", e.error().description());
  }

  @Test
  void whenTheSessionGrantIsUsed_thenNoRefreshToken(@TempDir Path dir) {
    assertNull(issuer(dir, "RS256").service().issue("alice", Set.of(), false).refreshToken());
  }

  @Test
  void whenARefreshTokenIsReused_thenItsFamilyIsRevoked(@TempDir Path dir) {
    TokenService s = issuer(dir, "RS256").service();
    TokenResponse first = s.issue("alice", Set.of("user"), true);
    TokenResponse second = s.refresh(first.refreshToken());
    assertNotEquals(first.refreshToken(), second.refreshToken());
    assertThrows(TokenGrantException.class, () -> s.refresh(first.refreshToken()));
    TokenGrantException e =
        assertThrows(TokenGrantException.class, () -> s.refresh(second.refreshToken()));
    assertEquals("invalid_grant", e.error().error());
    assertEquals(List.of(), s.refreshTokens("alice"));
  }

  @Test
  void whenAFamilyIsRevoked_thenItsAccessTokensAndLaterRefreshesFail(@TempDir Path dir) {
    Issuer i = issuer(dir, "RS256");
    TokenResponse first = i.service().issue("alice", Set.of("user"), true);
    JsonWebToken access = i.verifier().verify(first.accessToken());
    Object fid = access.getClaim(TokenService.FAMILY_CLAIM);
    String family = String.valueOf(fid).replace("\"", "");
    i.service().logout(access);
    assertTrue(i.service().familyRevoked(family));
    assertThrows(TokenGrantException.class, () -> i.service().refresh(first.refreshToken()));
  }

  @Test
  void whenAUserHoldsTooManyFamilies_thenTheOldestEnds(@TempDir Path dir) {
    TokenService s = issuer(dir, "RS256").service();
    String oldest = s.issue("alice", Set.of(), true).refreshToken();
    for (int n = 0; n < TokenService.MAX_FAMILIES_PER_USER; n++) {
      s.issue("alice", Set.of(), true);
    }
    assertEquals(TokenService.MAX_FAMILIES_PER_USER, s.refreshTokens("alice").size());
    assertThrows(TokenGrantException.class, () -> s.refresh(oldest));
  }

  @Test
  void whenATokenOfAnUnknownKeyArrivesWithoutExternalVerifier_thenInvalidToken(@TempDir Path dir) {
    Issuer a = issuer(dir.resolve("a"), "RS256");
    Issuer b = issuer(dir.resolve("b"), "RS256");
    String foreign = b.service().issue("alice", Set.of(), false).accessToken();
    assertThrows(InvalidBearerTokenException.class, () -> a.verifier().verify(foreign));
  }

  @Test
  void whenForcedLogout_thenTokensIssuedLaterInTheSameSecondAreNotRejected(@TempDir Path dir) {
    Issuer i = issuer(dir, "RS256");
    i.service().forceLogout("alice");
    JsonWebToken later =
        i.verifier().verify(i.service().issue("alice", Set.of(), false).accessToken());
    long nb = TokenService.ceilSeconds(i.revocations().notBefore("alice").orElseThrow());
    assertTrue(later.getIssuedAtTime() >= nb, "dated no earlier than the second after the logout");
  }
}
