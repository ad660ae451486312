package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.ClaimSettings;
import io.pathauth.config.JwksSettings;
import io.pathauth.config.JwtSettings;
import io.pathauth.it.support.JwksServer;
import io.pathauth.support.TestSettings;
import io.pathauth.testing.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An identity provider's key set over HTTPS, from a real TLS server on 127.0.0.1 (JDK {@code
 * HttpsServer}, a certificate keytool makes for the run) that rotates, slows down, answers garbage
 * and goes away, through the real verifier. Time decisions (cache life, the minimum interval,
 * staleness) follow a hand-moved clock; the HTTP time-outs are real.
 */
class RemoteKeySetTest {

  @TempDir Path dir;
  private static KeyPair k1;
  private static KeyPair k2;
  private JwksServer idp;
  private Path certificate;
  private String location;
  private final MutableClock clock = new MutableClock();

  @BeforeAll
  static void keys() {
    k1 = TestSettings.rsa();
    k2 = TestSettings.rsa();
  }

  @BeforeEach
  void start() {
    idp = new JwksServer(dir);
    idp.serve(Map.of("k1", k1));
    certificate = idp.certificate();
    location = idp.location();
  }

  @AfterEach
  void stop() {
    idp.close();
  }

  private int hits() {
    return idp.hits();
  }

  private JwksSettings jwksSettings(Duration timeout, int maxBytes, boolean trusted) {
    return new JwksSettings(
        Duration.ofSeconds(600),
        Duration.ofSeconds(30),
        timeout,
        maxBytes,
        Duration.ofSeconds(3600),
        trusted ? Optional.of(certificate.toString()) : Optional.empty(),
        2048);
  }

  private SmallRyeTokenVerifier verifier(JwksSettings jwks) {
    return new SmallRyeTokenVerifier(
        new JwtSettings(
            Optional.empty(),
            Optional.of(location),
            Set.of("RS256"),
            Optional.of("https://idp"),
            List.of("api"),
            0,
            OptionalLong.empty(),
            "Authorization",
            "Bearer",
            8192,
            Optional.empty(),
            jwks,
            ClaimSettings.standard()),
        clock);
  }

  private SmallRyeTokenVerifier verifier() {
    return verifier(jwksSettings(Duration.ofSeconds(5), 256 * 1024, true));
  }

  private static String token(KeyPair key, String kid) {
    long now = Instant.now().getEpochSecond();
    String claims =
        "{\"iss\":\"https://idp\",\"aud\":\"api\",\"upn\":\"alice\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 300)
            + "}";
    return SignedJson.sign(key.getPrivate(), "JWT", Map.of("kid", kid), claims);
  }

  private static RemoteKeySet.State state(SmallRyeTokenVerifier v) {
    return v.remoteKeys().orElseThrow().state();
  }

  @Test
  void whenTheKeySetIsServedOverTrustedTls_thenTokensVerifyAndTheStateSaysLoaded() {
    SmallRyeTokenVerifier v = verifier();
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    assertEquals(1, hits(), "one fetch for both tokens");
    RemoteKeySet.State s = state(v);
    assertTrue(s.loaded());
    assertFalse(s.stale());
    assertEquals(1, s.keys());
  }

  @Test
  void whenTheIdpsCertificateIsNotTrusted_thenVerificationIsUnavailableNotAFailedToken() {
    SmallRyeTokenVerifier v = verifier(jwksSettings(Duration.ofSeconds(5), 256 * 1024, false));
    assertThrows(VerifierUnavailableException.class, () -> v.verify(token(k1, "k1")));
    assertFalse(state(v).loaded());
    assertTrue(state(v).lastError().orElseThrow().contains("SSL"), state(v).lastError().get());
  }

  @Test
  void whenTheIdpRotatesItsKey_thenTheNewKidIsFetchedOnceAndAccepted() {
    SmallRyeTokenVerifier v = verifier();
    v.verify(token(k1, "k1"));
    idp.serve(Map.of("k1", k1, "k2", k2));
    // within the minimum interval of the last fetch, an unknown kid waits for the next one
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(k2, "k2")));
    assertEquals(1, hits());
    clock.advance(Duration.ofSeconds(31));
    assertEquals("alice", v.verify(token(k2, "k2")).getName());
    assertEquals(2, hits());
    assertEquals("alice", v.verify(token(k2, "k2")).getName());
    assertEquals(2, hits(), "the new key is held");
  }

  @Test
  void whenAFloodOfUnknownKidsArrives_thenTheIdpSeesAtMostOneRequestPerMinimumInterval() {
    SmallRyeTokenVerifier v = verifier();
    v.verify(token(k1, "k1"));
    clock.advance(Duration.ofSeconds(31)); // past the minimum interval since the first fetch
    for (int i = 0; i < 500; i++) {
      String kid = "random-" + i;
      assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(k2, kid)));
    }
    assertEquals(2, hits(), "one forced fetch for 500 unknown kids");
    clock.advance(Duration.ofSeconds(31));
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(k2, "random-x")));
    assertEquals(3, hits(), "the next interval allows one more");
  }

  @Test
  void whenTheIdpGoesAway_thenKnownKeysStillVerifyUnknownKidsAre401AndTheSetTurnsStale() {
    SmallRyeTokenVerifier v = verifier();
    v.verify(token(k1, "k1"));
    idp.close();
    clock.advance(Duration.ofSeconds(601)); // the key set's life is over: a refresh is due
    assertEquals("alice", v.verify(token(k1, "k1")).getName(), "the last good key set serves");
    clock.advance(Duration.ofSeconds(31));
    InvalidBearerTokenException unknown =
        assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(k2, "k2")));
    assertEquals("invalid_token", unknown.error().code());
    clock.advance(Duration.ofSeconds(3600));
    RemoteKeySet.State s = state(v);
    assertTrue(s.loaded());
    assertTrue(s.stale(), "older than stale-after");
    assertTrue(s.failures() >= 2, "the failed fetches are counted: " + s.failures());
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
  }

  @Test
  void whenTheIdpIsSlow_thenTheFetchGivesUpAtTheTimeoutAndTheLastGoodSetServes() {
    SmallRyeTokenVerifier v = verifier(jwksSettings(Duration.ofSeconds(1), 256 * 1024, true));
    v.verify(token(k1, "k1"));
    idp.delay(4000);
    clock.advance(Duration.ofSeconds(601));
    long started = System.nanoTime();
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMillis < 3000, "bounded by the 1 s time-out, no retries: " + tookMillis + " ms");
    assertTrue(state(v).lastError().isPresent());
  }

  @Test
  void whenTheIdpHangsBeforeAnyKeySetIsHad_thenOneRequestWaitsAndTheOthersAnswerAtOnce()
      throws Exception {
    SmallRyeTokenVerifier v = verifier(jwksSettings(Duration.ofSeconds(3), 256 * 1024, true));
    idp.delay(6000);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(17);
    try {
      java.util.concurrent.Future<?> first = pool.submit(() -> attempt(v));
      Thread.sleep(300); // the first request is fetching
      List<java.util.concurrent.Future<Long>> others = new java.util.ArrayList<>();
      for (int i = 0; i < 16; i++) {
        others.add(pool.submit(() -> attempt(v)));
      }
      for (java.util.concurrent.Future<Long> other : others) {
        long millis = other.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(millis < 1000, "answered without waiting for the fetch: " + millis + " ms");
      }
      first.get(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One verification that must fail as unavailable; its duration in ms. */
  private long attempt(SmallRyeTokenVerifier v) {
    long started = System.nanoTime();
    assertThrows(VerifierUnavailableException.class, () -> v.verify(token(k1, "k1")));
    return (System.nanoTime() - started) / 1_000_000;
  }

  @Test
  void whenTheIdpAnswersGarbageOrTooMuch_thenTheLastGoodSetStays() {
    SmallRyeTokenVerifier v = verifier(jwksSettings(Duration.ofSeconds(5), 4096, true));
    v.verify(token(k1, "k1"));
    idp.serveBody("<html>maintenance</html>");
    clock.advance(Duration.ofSeconds(601));
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    idp.serveBody(JwksServer.jwks(Map.of("k1", k1)) + " ".repeat(8192)); // over max-bytes
    clock.advance(Duration.ofSeconds(31));
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    idp.serveBody("{\"keys\":[]}");
    clock.advance(Duration.ofSeconds(31));
    assertEquals("alice", v.verify(token(k1, "k1")).getName());
    assertEquals(4, hits());
    assertEquals(3, state(v).failures());
  }

  @Test
  void whenTheIdpSendsMaxAge_thenItDecidesWhenTheSetIsFetchedAgain() {
    idp.cacheControl("public, max-age=120");
    SmallRyeTokenVerifier v = verifier();
    v.verify(token(k1, "k1"));
    clock.advance(Duration.ofSeconds(100));
    v.verify(token(k1, "k1"));
    assertEquals(1, hits(), "still fresh at 100 s");
    clock.advance(Duration.ofSeconds(21));
    v.verify(token(k1, "k1"));
    assertEquals(2, hits(), "fetched again after max-age");
    idp.cacheControl("max-age=0"); // never more often than the minimum interval
    clock.advance(Duration.ofSeconds(121));
    v.verify(token(k1, "k1"));
    v.verify(token(k1, "k1"));
    assertEquals(3, hits());
  }

  @Test
  void whenTheOnlyKeyForTheKidIsTooWeak_thenTheTokenIs401() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair weak = g.generateKeyPair();
    idp.serve(Map.of("k1", k1, "weak", weak));
    SmallRyeTokenVerifier v = verifier();
    org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
    jws.setAlgorithmHeaderValue("RS256");
    jws.setKeyIdHeaderValue("weak");
    long now = Instant.now().getEpochSecond();
    jws.setPayload(
        "{\"iss\":\"https://idp\",\"aud\":\"api\",\"upn\":\"alice\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 300)
            + "}");
    jws.setKey(weak.getPrivate());
    jws.setDoKeyValidation(false); // jose4j refuses to sign with it too
    String token = jws.getCompactSerialization();
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token));
  }

  @Test
  void whenThePublishedKeyIsAPem_thenItIsTheOneKey() {
    idp.serveBody(io.pathauth.dev.DevTokens.pem("PUBLIC KEY", k1.getPublic().getEncoded()));
    SmallRyeTokenVerifier v = verifier();
    assertEquals("alice", v.verify(token(k1, "any")).getName());
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(k2, "any")));
  }
}
