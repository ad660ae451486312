package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.ClaimSettings;
import io.pathauth.config.Decryption;
import io.pathauth.config.JwtSettings;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.dev.DevTokens;
import io.pathauth.support.TestSettings;
import io.smallrye.jwt.algorithm.ContentEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Encrypted tokens (MP-JWT 2.1, {@code mp.jwt.decrypt.*}): signed then encrypted when a
 * verification key is configured too, encrypted only when not; RSA-OAEP or RSA-OAEP-256 for the
 * key, A256GCM for the content; the private key read once, at deploy time.
 */
class EncryptedTokensTest {

  private static KeyPair signing;
  private static KeyPair encryption;
  @TempDir static Path dir;
  private static String decryptKey;

  @BeforeAll
  static void keys() throws Exception {
    signing = TestSettings.rsa();
    encryption = TestSettings.rsa();
    Path pem = dir.resolve("decrypt.pem");
    Files.writeString(pem, DevTokens.pem("PRIVATE KEY", encryption.getPrivate().getEncoded()));
    decryptKey = pem.toString();
  }

  private static JwtSettings settings(boolean verifyKey, String location, Set<String> algorithms) {
    return new JwtSettings(
        verifyKey
            ? Optional.of(DevTokens.pem("PUBLIC KEY", signing.getPublic().getEncoded()))
            : Optional.empty(),
        Optional.empty(),
        Set.of("RS256"),
        Optional.of("iss"),
        List.of("aud"),
        0,
        OptionalLong.empty(),
        "Authorization",
        "Bearer",
        8192,
        Optional.of(new Decryption(location, algorithms)),
        io.pathauth.config.JwksSettings.defaults(),
        ClaimSettings.standard());
  }

  private static final Set<String> BOTH = Set.of("RSA-OAEP", "RSA-OAEP-256");

  private static JwtClaimsBuilder claims() {
    long now = Instant.now().getEpochSecond();
    return Jwt.issuer("iss")
        .audience("aud")
        .upn("alice")
        .groups("user")
        .issuedAt(now)
        .expiresAt(now + 60);
  }

  private static String signedThenEncrypted(KeyEncryptionAlgorithm algorithm) {
    return claims()
        .jws()
        .innerSign(signing.getPrivate())
        .keyAlgorithm(algorithm)
        .encrypt(encryption.getPublic());
  }

  private static String encryptedOnly() {
    return claims()
        .jwe()
        .keyAlgorithm(KeyEncryptionAlgorithm.RSA_OAEP)
        .encrypt(encryption.getPublic());
  }

  private static String refusal(TokenVerifier v, String token) {
    return assertThrows(InvalidBearerTokenException.class, () -> v.verify(token))
        .error()
        .description();
  }

  @Test
  void whenBothKeysAreConfigured_thenSignedThenEncryptedTokensOfEitherOaepVerify() {
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(true, decryptKey, BOTH));
    for (KeyEncryptionAlgorithm a :
        new KeyEncryptionAlgorithm[] {
          KeyEncryptionAlgorithm.RSA_OAEP, KeyEncryptionAlgorithm.RSA_OAEP_256
        }) {
      var jwt = v.verify(signedThenEncrypted(a));
      assertEquals("alice", jwt.getName(), a.getAlgorithm());
      assertEquals(Set.of("user"), jwt.getGroups());
    }
  }

  @Test
  void whenBothKeysAreConfigured_thenOnlySignedOrOnlyEncryptedTokensAreRefused() {
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(true, decryptKey, BOTH));
    refusal(v, claims().sign(signing.getPrivate()));
    refusal(v, encryptedOnly());
  }

  @Test
  void whenTheEncryptedSignedTokenLacksCtyJwt_thenItIsRefused() throws JoseException {
    JsonWebEncryption jwe = new JsonWebEncryption();
    jwe.setAlgorithmHeaderValue("RSA-OAEP");
    jwe.setEncryptionMethodHeaderParameter("A256GCM");
    jwe.setPayload(claims().sign(signing.getPrivate()));
    jwe.setKey(encryption.getPublic());
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(true, decryptKey, BOTH));
    refusal(v, jwe.getCompactSerialization());
  }

  @Test
  void whenOnlyADecryptionKeyIsConfigured_thenEncryptedTokensVerifyAndSignedOnesAreRefused() {
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(false, decryptKey, BOTH));
    assertEquals("alice", v.verify(encryptedOnly()).getName());
    refusal(v, claims().sign(signing.getPrivate()));
  }

  @Test
  void whenOnlyRsaOaep256IsAllowed_thenAnRsaOaepTokenIsRefusedBeforeDecryption() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(settings(true, decryptKey, Set.of("RSA-OAEP-256")));
    assertEquals(
        "The token's key encryption is not accepted",
        refusal(v, signedThenEncrypted(KeyEncryptionAlgorithm.RSA_OAEP)));
    assertEquals(
        "alice", v.verify(signedThenEncrypted(KeyEncryptionAlgorithm.RSA_OAEP_256)).getName());
  }

  @Test
  void whenTheContentEncryptionIsNotA256Gcm_thenTheTokenIsRefused() {
    String token =
        claims()
            .jws()
            .innerSign(signing.getPrivate())
            .keyAlgorithm(KeyEncryptionAlgorithm.RSA_OAEP)
            .contentAlgorithm(ContentEncryptionAlgorithm.A128CBC_HS256)
            .encrypt(encryption.getPublic());
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(true, decryptKey, BOTH));
    assertEquals("The token's content encryption is not accepted", refusal(v, token));
  }

  @Test
  void whenNoDecryptionIsConfigured_thenAnEncryptedTokenIsRefusedAsSuch() {
    SmallRyeTokenVerifier v =
        new SmallRyeTokenVerifier(
            TestSettings.jwt(signing.getPublic(), "iss", List.of("aud"), ClaimSettings.standard()));
    assertEquals(
        "Encrypted tokens are not accepted",
        refusal(v, signedThenEncrypted(KeyEncryptionAlgorithm.RSA_OAEP)));
  }

  @Test
  void whenTheEncryptedClaimsHaveAWrongType_thenTheyAreRefusedLikeSignedOnes() throws Exception {
    long now = Instant.now().getEpochSecond();
    String inner =
        SignedJson.sign(
            signing.getPrivate(),
            "JWT",
            org.jose4j.json.JsonUtil.toJson(
                Map.of(
                    "iss",
                    "iss",
                    "aud",
                    "aud",
                    "upn",
                    "alice",
                    "groups",
                    "admin user",
                    "iat",
                    now,
                    "exp",
                    now + 60)));
    JsonWebEncryption jwe = new JsonWebEncryption();
    jwe.setAlgorithmHeaderValue("RSA-OAEP");
    jwe.setEncryptionMethodHeaderParameter("A256GCM");
    jwe.setContentTypeHeaderValue("JWT");
    jwe.setPayload(inner);
    jwe.setKey(encryption.getPublic());
    SmallRyeTokenVerifier v = new SmallRyeTokenVerifier(settings(true, decryptKey, BOTH));
    assertEquals(
        "The claim 'groups' has the wrong type", refusal(v, jwe.getCompactSerialization()));
  }

  @Test
  void whenTheDecryptionKeyCannotBeUsed_thenTheDeploymentFailsNamingTheKey() throws Exception {
    PathAuthConfigException missing =
        assertThrows(
            PathAuthConfigException.class,
            () ->
                new SmallRyeTokenVerifier(
                    settings(true, dir.resolve("absent.pem").toString(), BOTH)));
    assertEquals(Decryption.MP_DECRYPT_KEY_LOCATION, missing.key());
    Path publicOnly = dir.resolve("public.jwks");
    Files.writeString(
        publicOnly,
        "{\"keys\":["
            + org.jose4j.jwk.PublicJsonWebKey.Factory.newPublicJwk(encryption.getPublic()).toJson()
            + "]}");
    PathAuthConfigException noPrivate =
        assertThrows(
            PathAuthConfigException.class,
            () -> new SmallRyeTokenVerifier(settings(true, publicOnly.toString(), BOTH)));
    assertEquals(Decryption.MP_DECRYPT_KEY_LOCATION, noPrivate.key());
    assertTrue(noPrivate.getMessage().contains("private"), noPrivate.getMessage());
  }

  @Test
  void whenTokensMayBeEncrypted_thenTheResolverAcceptsFiveSegmentsAndOnlyThen() {
    String jwe = signedThenEncrypted(KeyEncryptionAlgorithm.RSA_OAEP);
    assertTrue(DefaultBearerTokenResolver.isCompactJwe(jwe));
    DefaultBearerTokenResolver plain = new DefaultBearerTokenResolver(false, "Bearer", 8192);
    DefaultBearerTokenResolver encrypted =
        new DefaultBearerTokenResolver(false, "Bearer", 8192, true);
    var request =
        io.pathauth.support.FakeRequests.withCredentials(List.of("Bearer " + jwe), null, null);
    assertEquals(jwe, encrypted.resolve(request).orElseThrow());
    assertThrows(InvalidBearerTokenException.class, () -> plain.resolve(request));
    var broken =
        io.pathauth.support.FakeRequests.withCredentials(
            List.of("Bearer a.b.c.d."), null, null); // empty tag
    assertThrows(InvalidBearerTokenException.class, () -> encrypted.resolve(broken));
  }
}
