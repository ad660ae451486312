package io.pathauth.issuer;

import io.pathauth.config.PathAuthConfigException;
import io.pathauth.config.TokenSettings;
import io.pathauth.jwt.OwnKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * pathauth's signing keys, each with a {@code kid} (its RFC 7638 thumbprint unless the JWK names
 * one). Keys come from {@code pathauth.token.keys} (JWK, or RSA PKCS#8 PEM; the first one signs),
 * or, when none are configured, are generated and kept in {@code <state dir>/keys} so tokens
 * survive a restart. {@link #rotate()} makes a new generated key the signer; the previous keys stay
 * in the JWKS until every token they signed has expired.
 */
public final class SigningKeys implements OwnKeys {

  /** A key pair and when it became the signer (epoch ms; 0 for configured keys). */
  public record Key(PublicJsonWebKey jwk, long createdMillis) {
    public String kid() {
      return jwk.getKeyId();
    }
  }

  private record Ring(List<Key> keys, String jwks, long version) {}

  private final TokenSettings settings;
  private final Clock clock;
  private final boolean generated;
  private final Path dir;
  private final AtomicReference<Ring> ring = new AtomicReference<>();

  private SigningKeys(TokenSettings settings, Clock clock, boolean generated, List<Key> keys) {
    this.settings = settings;
    this.clock = clock;
    this.generated = generated;
    this.dir = settings.stateDir().resolve("keys");
    publish(keys);
  }

  /** Loads the configured keys, or the generated ones (generating the first if needed). */
  public static SigningKeys load(TokenSettings settings, Clock clock) {
    if (!settings.keyLocations().isEmpty()) {
      List<Key> keys = new ArrayList<>();
      for (String location : settings.keyLocations()) {
        keys.add(new Key(configured(location), 0));
      }
      return new SigningKeys(settings, clock, false, keys);
    }
    SigningKeys keys = new SigningKeys(settings, clock, true, readGenerated(settings));
    if (keys.ring.get().keys().isEmpty()) {
      keys.rotate();
    } else {
      keys.publish(keys.prune(keys.ring.get().keys()));
    }
    return keys;
  }

  /** The key that signs new tokens. */
  public Key signer() {
    return ring.get().keys().get(0);
  }

  /** Whether {@code kid} is one of pathauth's current verification keys. */
  @Override
  public boolean knows(String kid) {
    return kid != null && ring.get().keys().stream().anyMatch(k -> kid.equals(k.kid()));
  }

  /** The public JWK set: the signer and the keys whose tokens may still be valid. */
  @Override
  public String jwks() {
    return ring.get().jwks();
  }

  /** Changes whenever the key set changes (rotation, pruning). */
  @Override
  public long version() {
    return ring.get().version();
  }

  /** Whether {@link #rotate()} is possible (keys are generated, not configured). */
  public boolean rotatable() {
    return generated;
  }

  /** Generates a new signing key; earlier keys keep verifying until their tokens expire. */
  public synchronized Key rotate() {
    if (!generated) {
      throw new IllegalStateException(
          "configured keys are rotated by changing pathauth.token.keys");
    }
    try {
      PublicJsonWebKey jwk =
          settings.algorithm().equals("ES256")
              ? EcJwkGenerator.generateJwk(EllipticCurves.P256)
              : RsaJwkGenerator.generateJwk(2048);
      jwk.setAlgorithm(settings.algorithm());
      jwk.setUse("sig");
      jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
      long created = Math.max(clock.millis(), signerCreated() + 1);
      Path file = dir.resolve(created + "-" + jwk.getKeyId() + ".jwk");
      // Atomic and durable before the key signs anything: a torn key file would fail the next
      // start, and a key lost in a crash would leave the tokens it signed unverifiable.
      StateFile.writeAtomically(
          file,
          jwk.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE)
              .getBytes(StandardCharsets.UTF_8));
      List<Key> keys = new ArrayList<>(ring.get() == null ? List.of() : ring.get().keys());
      Key key = new Key(jwk, created);
      keys.add(0, key);
      publish(prune(keys));
      return key;
    } catch (JoseException | IOException e) {
      throw new IllegalStateException("cannot create a signing key in " + dir, e);
    }
  }

  private long signerCreated() {
    Ring r = ring.get();
    return r == null || r.keys().isEmpty() ? 0 : r.keys().get(0).createdMillis();
  }

  /** Drops keys retired so long ago that no token they signed can still be valid. */
  private List<Key> prune(List<Key> newestFirst) {
    long now = clock.millis();
    long grace = (settings.accessLifetimeSeconds() + 120) * 1000;
    List<Key> kept = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      Key k = newestFirst.get(i);
      long retiredAt = i == 0 ? Long.MAX_VALUE : newestFirst.get(i - 1).createdMillis();
      if (i == 0 || retiredAt + grace > now) {
        kept.add(k);
      } else {
        try {
          Files.deleteIfExists(dir.resolve(k.createdMillis() + "-" + k.kid() + ".jwk"));
        } catch (IOException e) {
          // keep going: a stale key file is harmless, it is pruned again at the next start
        }
      }
    }
    return kept;
  }

  private void publish(List<Key> newestFirst) {
    List<JsonWebKey> jwks = new ArrayList<>();
    for (Key k : newestFirst) {
      jwks.add(k.jwk());
    }
    Ring previous = ring.get();
    ring.set(
        new Ring(
            List.copyOf(newestFirst),
            new JsonWebKeySet(jwks).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY),
            previous == null ? 0 : previous.version() + 1));
  }

  /**
   * Reads {@code <state dir>/keys/<created>-<kid>.jwk}. A file that does not parse fails the
   * deployment, naming it: signing with a new key instead would leave the tokens the lost key
   * signed unverifiable, silently. A {@code .jwk.tmp} left by a crash is deleted unread.
   */
  private static List<Key> readGenerated(TokenSettings settings) {
    Path dir = settings.stateDir().resolve("keys").toAbsolutePath();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.sorted().toList();
    } catch (IOException e) {
      throw new PathAuthConfigException(
          "pathauth.state.dir", "cannot read signing keys in " + dir, e);
    }
    List<Key> keys = new ArrayList<>();
    for (Path f : files) {
      String name = String.valueOf(f.getFileName());
      if (name.endsWith(".jwk.tmp")) {
        StateFile.deleteLeftover(f);
      } else if (name.endsWith(".jwk")) {
        keys.add(readKey(f, name));
      }
    }
    keys.sort(Comparator.comparingLong(Key::createdMillis).reversed());
    return keys;
  }

  private static Key readKey(Path f, String name) {
    try {
      long created = Long.parseLong(name.substring(0, name.indexOf('-')));
      PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(Files.readString(f));
      if (jwk.getPrivateKey() == null) {
        throw new IllegalArgumentException("it holds no private key");
      }
      return new Key(jwk, created);
    } catch (IOException | JoseException | RuntimeException e) {
      throw new PathAuthConfigException(
          "pathauth.state.dir",
          "cannot read the generated signing key "
              + f
              + " ("
              + e
              + "): restore it from a backup, or delete it knowingly (tokens it signed are then"
              + " refused; a new key is generated when none is left)",
          e);
    }
  }

  private static PublicJsonWebKey configured(String location) {
    String key = "pathauth.token.keys";
    try {
      Path path =
          location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
      String text = Files.readString(path, StandardCharsets.UTF_8).trim();
      PublicJsonWebKey jwk;
      if (text.startsWith("{")) {
        jwk = PublicJsonWebKey.Factory.newPublicJwk(text);
      } else {
        jwk = fromRsaPem(text);
      }
      if (jwk.getPrivateKey() == null) {
        throw new PathAuthConfigException(key, "'" + location + "' holds no private key");
      }
      if (jwk.getKeyId() == null) {
        jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint(HashUtil.SHA_256));
      }
      String expected =
          switch (jwk.getKeyType()) {
            case "RSA" -> "RS256";
            case "EC" -> "ES256";
            default -> null;
          };
      if (expected == null
          || (jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(expected))
          || (expected.equals("ES256")
              && !"P-256".equals(((org.jose4j.jwk.EllipticCurveJsonWebKey) jwk).getCurveName()))) {
        throw new PathAuthConfigException(
            key, "'" + location + "' must be an RSA key (RS256) or a P-256 EC key (ES256)");
      }
      jwk.setAlgorithm(expected);
      return jwk;
    } catch (IOException | JoseException | GeneralSecurityException | RuntimeException e) {
      if (e instanceof PathAuthConfigException pce) {
        throw pce;
      }
      throw new PathAuthConfigException(key, "cannot load the signing key '" + location + "'", e);
    }
  }

  private static PublicJsonWebKey fromRsaPem(String pem)
      throws GeneralSecurityException, JoseException {
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    KeyFactory rsa = KeyFactory.getInstance("RSA");
    RSAPrivateCrtKey priv = (RSAPrivateCrtKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(der));
    PublicKey pub =
        rsa.generatePublic(new RSAPublicKeySpec(priv.getModulus(), priv.getPublicExponent()));
    PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(pub);
    jwk.setPrivateKey(priv);
    jwk.setAlgorithm("RS256");
    return jwk;
  }
}
