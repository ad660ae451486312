package io.pathauth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.PathAuthConfigException;
import io.pathauth.dev.DevTokens;
import io.pathauth.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigningKeysTest {

  private final MutableClock clock = new MutableClock();

  @Test
  void whenNoKeyIsConfigured_thenOneIsGeneratedPersistedAndReloaded(@TempDir Path dir) {
    SigningKeys first = SigningKeys.load(TokenTestSupport.settings(dir, "RS256", List.of()), clock);
    String kid = first.signer().kid();
    assertTrue(first.knows(kid));
    assertFalse(first.jwks().contains("\"d\""), "the JWKS holds public keys only");

    SigningKeys reloaded =
        SigningKeys.load(TokenTestSupport.settings(dir, "RS256", List.of()), clock);
    assertEquals(kid, reloaded.signer().kid(), "the key survives a restart");
  }

  @Test
  void whenRotated_thenTheNewKeySignsAndTheOldOneVerifiesUntilItsTokensExpired(@TempDir Path dir) {
    SigningKeys keys = SigningKeys.load(TokenTestSupport.settings(dir, "RS256", List.of()), clock);
    String old = keys.signer().kid();
    clock.advance(Duration.ofSeconds(10));
    String next = keys.rotate().kid();
    assertNotEquals(old, next);
    assertEquals(next, keys.signer().kid());
    assertTrue(keys.knows(old) && keys.jwks().contains(old));

    clock.advance(Duration.ofSeconds(300 + 121)); // access lifetime + grace
    keys.rotate();
    assertFalse(keys.knows(old), "retired long enough ago: pruned");
    assertTrue(keys.knows(next), "retired just now: kept");
    SigningKeys reloaded =
        SigningKeys.load(TokenTestSupport.settings(dir, "RS256", List.of()), clock);
    assertFalse(reloaded.knows(old), "pruned from disk too");
  }

  @Test
  void whenAlgorithmIsEs256_thenAnEcP256KeyIsGenerated(@TempDir Path dir) {
    SigningKeys keys = SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock);
    assertTrue(keys.jwks().contains("\"kty\":\"EC\"") && keys.jwks().contains("\"crv\":\"P-256\""));
  }

  @Test
  void whenKeysAreConfigured_thenPemAndJwkFilesAreLoadedAndNotRotated(@TempDir Path dir)
      throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    Path pem = dir.resolve("rsa.pem");
    Files.writeString(
        pem, DevTokens.pem("PRIVATE KEY", g.generateKeyPair().getPrivate().getEncoded()));
    var ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    ec.setKeyId("ec-1");
    Path jwk = dir.resolve("ec.jwk");
    Files.writeString(jwk, ec.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));

    SigningKeys keys =
        SigningKeys.load(
            TokenTestSupport.settings(
                dir, "RS256", List.of(pem.toString(), jwk.toUri().toString())),
            clock);
    assertEquals("RSA", keys.signer().jwk().getKeyType(), "the first configured key signs");
    assertTrue(keys.knows("ec-1"));
    assertFalse(keys.rotatable());
    assertThrows(IllegalStateException.class, keys::rotate);
  }

  @Test
  void whenAConfiguredKeyHasNoPrivatePart_thenTheConfigurationIsRefused(@TempDir Path dir)
      throws Exception {
    var ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
    Path jwk = dir.resolve("public.jwk");
    Files.writeString(jwk, ec.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    PathAuthConfigException e =
        assertThrows(
            PathAuthConfigException.class,
            () ->
                SigningKeys.load(
                    TokenTestSupport.settings(dir, "RS256", List.of(jwk.toString())), clock));
    assertEquals("pathauth.token.keys", e.key());
  }

  @Test
  void whenAGeneratedKeyFileIsDamaged_thenLoadingFailsNamingTheFile(@TempDir Path dir)
      throws Exception {
    SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock);
    Path file = keyFiles(dir).get(0);
    String whole = Files.readString(file);
    for (String damaged : List.of("", whole.substring(0, whole.length() / 2), "{}")) {
      Files.writeString(file, damaged);
      PathAuthConfigException e =
          assertThrows(
              PathAuthConfigException.class,
              () -> SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock));
      assertEquals("pathauth.state.dir", e.key());
      assertTrue(e.getMessage().contains(file.toAbsolutePath().toString()), e.getMessage());
      assertTrue(e.getMessage().contains("restore it from a backup"), e.getMessage());
    }
  }

  @Test
  void whenATemporaryKeyFileIsLeftOverFromACrash_thenItIsIgnoredAndDeleted(@TempDir Path dir)
      throws Exception {
    String kid =
        SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock).signer().kid();
    Path tmp = dir.resolve("keys").resolve(clock.millis() + 5 + "-half.jwk.tmp");
    Files.writeString(tmp, "{\"kty\":\"EC\",\"crv\":");
    SigningKeys reloaded =
        SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock);
    assertEquals(kid, reloaded.signer().kid());
    assertFalse(Files.exists(tmp));
  }

  @Test
  void whenAKeyIsGenerated_thenItsFileIsWholeOwnerOnlyAndNoTemporaryFileRemains(@TempDir Path dir)
      throws Exception {
    SigningKeys keys = SigningKeys.load(TokenTestSupport.settings(dir, "ES256", List.of()), clock);
    clock.advance(Duration.ofSeconds(1));
    keys.rotate();
    try (var files = Files.list(dir.resolve("keys"))) {
      assertEquals(List.of(), files.filter(f -> f.toString().endsWith(".tmp")).toList());
    }
    for (Path file : keyFiles(dir)) {
      assertTrue(Files.readString(file).contains("\"d\""), "the private key is in the file");
      if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
        assertEquals(
            PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(file));
      }
    }
  }

  private static List<Path> keyFiles(Path stateDir) throws IOException {
    try (var files = Files.list(stateDir.resolve("keys"))) {
      return files.filter(f -> f.toString().endsWith(".jwk")).sorted().toList();
    }
  }
}
