package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.config.JwtSettings;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.dev.DevTokens;
import io.pathauth.http.BearerTokenError;
import io.pathauth.support.TestSettings;
import io.smallrye.jwt.build.Jwt;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallRyeTokenVerifierTest {

  private static KeyPair trusted;
  private static KeyPair other;

  @BeforeAll
  static void keys() throws Exception {
    trusted = TestSettings.rsa();
    other = TestSettings.rsa();
  }

  private static JwtSettings settings(Optional<String> key, Optional<String> location) {
    return settings(key, location, Optional.empty());
  }

  private static JwtSettings settings(
      Optional<String> key, Optional<String> location, Optional<String> typ) {
    return TestSettings.jwt(
        key, location, Set.of("RS256"), Optional.of("iss"), List.of("aud"), 0, typ);
  }

  private static String pem(KeyPair kp) {
    return DevTokens.pem("PUBLIC KEY", kp.getPublic().getEncoded());
  }

  private static String token(KeyPair kp, long expOffset) {
    long now = Instant.now().getEpochSecond();
    return Jwt.issuer("iss")
        .audience("aud")
        .upn("alice")
        .groups("user")
        .issuedAt(now)
        .expiresAt(now + expOffset)
        .sign(kp.getPrivate());
  }

  @Test
  void whenTokenIsValid_thenItIsReturnedAsJsonWebToken() {
    JsonWebToken jwt =
        new SmallRyeTokenVerifier(settings(Optional.of(pem(trusted)), Optional.empty()))
            .verify(token(trusted, 60));
    assertEquals("alice", jwt.getName());
    assertEquals(Set.of("user"), jwt.getGroups());
  }

  @Test
  void whenRsaAndEcAreAllowedAndTheKeyIsEc_thenEcTokensVerifyWhateverTheSetOrder()
      throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
    g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
    KeyPair ec = g.generateKeyPair();
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(
            TestSettings.jwt(
                Optional.of(pem(ec)),
                Optional.empty(),
                Set.of("RS256", "ES256"),
                Optional.of("iss"),
                List.of("aud"),
                0,
                Optional.empty()));
    long now = Instant.now().getEpochSecond();
    String es256 =
        Jwt.issuer("iss")
            .audience("aud")
            .upn("carol")
            .issuedAt(now)
            .expiresAt(now + 60)
            .sign(ec.getPrivate());
    assertEquals("carol", v.verify(es256).getName());
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(trusted, 60)));
  }

  @Test
  void whenKeyIsABase64UrlEncodedJwk_thenItIsAcceptedAsMpJwtAllows() throws Exception {
    String jwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(trusted.getPublic()).toJson();
    String encoded =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(jwk.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(settings(Optional.of(encoded), Optional.empty()));
    assertEquals("alice", v.verify(token(trusted, 60)).getName());
    assertThrows(InvalidBearerTokenException.class, () -> v.verify(token(other, 60)));
  }

  @Test
  void whenTokenIsBad_thenInvalidTokenWithAClientSafeDescription() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(settings(Optional.of(pem(trusted)), Optional.empty()));
    assertEquals("The token has expired", invalid(v, token(trusted, -60)).description());
    assertEquals("The token signature is invalid", invalid(v, token(other, 60)).description());
    // not JSON where the header should be: refused by the header step, before any signature work
    assertEquals("Malformed token", invalid(v, "a.b.c").description());
  }

  @Test
  void whenTypIsRequired_thenOnlyThatTypPasses() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(
            settings(Optional.of(pem(trusted)), Optional.empty(), Optional.of("at+jwt")));
    assertEquals("Wrong token type", invalid(v, token(trusted, 60)).description(), "typ JWT");
    long now = Instant.now().getEpochSecond();
    String at =
        Jwt.issuer("iss")
            .audience("aud")
            .upn("alice")
            .issuedAt(now)
            .expiresAt(now + 60)
            .jws()
            .header("typ", "AT+JWT")
            .sign(trusted.getPrivate());
    assertEquals("alice", v.verify(at).getName());
  }

  @Test
  void whenIssuedAfterItExpires_thenRefused() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(settings(Optional.of(pem(trusted)), Optional.empty()));
    long now = Instant.now().getEpochSecond();
    String t =
        Jwt.issuer("iss")
            .audience("aud")
            .upn("alice")
            .issuedAt(now + 70)
            .expiresAt(now + 60)
            .sign(trusted.getPrivate());
    // smallrye-jwt's own iat checks refuse it first; pathauth's iat <= exp check is a second line
    assertEquals(BearerTokenError.INVALID_TOKEN, invalid(v, t).code());
  }

  @Test
  void whenRemoteKeysCannotBeFetched_thenVerifierUnavailableNotInvalidToken() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(
            settings(Optional.empty(), Optional.of("http://127.0.0.1:9/jwks.json")));
    assertThrows(VerifierUnavailableException.class, () -> v.verify(token(trusted, 60)));
  }

  @Test
  void whenRemoteKeysAreOnPlainHttpElsewhere_thenRefused() {
    PathAuthConfigException e =
        assertThrows(
            PathAuthConfigException.class,
            () ->
                new SmallRyeTokenVerifier(
                    settings(Optional.empty(), Optional.of("http://keys.example/jwks.json"))));
    assertEquals("mp.jwt.verify.publickey.location", e.key());
  }

  @Test
  void whenKeyLocationIsAFile_thenItIsReadOnce(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("k.pem");
    Files.writeString(file, pem(trusted));
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(settings(Optional.empty(), Optional.of(file.toUri().toString())));
    Files.delete(file);
    assertEquals("alice", v.verify(token(trusted, 60)).getName());
  }

  @Test
  void whenKeyCannotBeReadOrParsed_thenConfigurationErrorNamingTheKey(@TempDir Path dir) {
    PathAuthConfigException missing =
        assertThrows(
            PathAuthConfigException.class,
            () ->
                new SmallRyeTokenVerifier(
                    settings(
                        Optional.empty(),
                        Optional.of(dir.resolve("none.pem").toUri().toString()))));
    assertEquals("mp.jwt.verify.publickey.location", missing.key());
    PathAuthConfigException garbage =
        assertThrows(
            PathAuthConfigException.class,
            () -> new SmallRyeTokenVerifier(settings(Optional.of("not a key"), Optional.empty())));
    assertEquals("mp.jwt.verify.publickey", garbage.key());
  }

  private static BearerTokenError invalid(TokenVerifier v, String token) {
    return assertThrows(InvalidBearerTokenException.class, () -> v.verify(token)).error();
  }

  private static String weakToken(KeyPair weak) throws Exception {
    org.jose4j.jws.JsonWebSignature jws = new org.jose4j.jws.JsonWebSignature();
    jws.setAlgorithmHeaderValue("RS256");
    long now = Instant.now().getEpochSecond();
    jws.setPayload(
        "{\"iss\":\"iss\",\"aud\":\"aud\",\"upn\":\"alice\",\"iat\":"
            + now
            + ",\"exp\":"
            + (now + 60)
            + "}");
    jws.setKey(weak.getPrivate());
    jws.setDoKeyValidation(false);
    return jws.getCompactSerialization();
  }

  private static JwtSettings withMinBits(String key, int minBits) {
    JwtSettings s = settings(Optional.of(key), Optional.empty());
    io.pathauth.config.JwksSettings j = s.jwks();
    return new JwtSettings(
        s.publicKey(),
        s.publicKeyLocation(),
        s.algorithms(),
        s.issuer(),
        s.audiences(),
        s.clockSkewSeconds(),
        s.tokenAgeSeconds(),
        s.tokenHeader(),
        s.tokenCookie(),
        s.maxTokenLength(),
        s.decryption(),
        new io.pathauth.config.JwksSettings(
            j.refreshInterval(),
            j.minRefreshInterval(),
            j.timeout(),
            j.maxBytes(),
            j.staleAfter(),
            j.tlsCertificate(),
            minBits),
        s.claims());
  }

  @Test
  void whenAnRsaKeyIsUnderTheMinimum_thenTheDeploymentFailsAndAtTheMinimumItVerifies()
      throws Exception {
    java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
    g.initialize(1024);
    KeyPair weak = g.generateKeyPair();
    String jwk = org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(weak.getPublic()).toJson();
    for (String key : new String[] {pem(weak), jwk}) {
      PathAuthConfigException e =
          assertThrows(
              PathAuthConfigException.class,
              () -> new SmallRyeTokenVerifier(withMinBits(key, 2048)));
      assertEquals(JwtSettings.MP_PUBLICKEY, e.key());
      assertEquals(
          "alice",
          new SmallRyeTokenVerifier(withMinBits(key, 1024)).verify(weakToken(weak)).getName());
    }
  }
}
