package io.pathauth.dev;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * DEV ONLY. Helpers for running the demo locally; never part of the WAR.
 *
 * <ul>
 *   <li>{@code keys DIR}: creates an RSA key pair in DIR (private.pem, public.pem) if absent, and
 *       dev-key.xml, a Liberty configuration snippet that trusts public.pem (the dev server
 *       includes it);
 *   <li>{@code token DIR USER [GROUP...]}: prints an RS256 access token signed with DIR's key;
 *   <li>{@code hash PASSWORD}: prints a PBKDF2 hash for {@code demo.user.*.password}.
 * </ul>
 */
public final class DevTokens {

  /** The demo's issuer ({@code mp.jwt.verify.issuer} in the WAR's config). */
  public static final String ISSUER = "https://pathauth.example/dev";

  private DevTokens() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("keys")) {
      Path dir = Path.of(args[1]);
      if (ensureKeys(dir)) {
        System.out.println("pathauth dev: created a DEV-ONLY key pair in " + dir);
      }
    } else if (args.length >= 3 && args[0].equals("token")) {
      Path dir = Path.of(args[1]);
      ensureKeys(dir);
      Set<String> groups = new LinkedHashSet<>(Arrays.asList(args).subList(3, args.length));
      System.out.println(token(readPrivateKey(dir.resolve("private.pem")), args[2], groups, 3600));
    } else if (args.length == 2 && args[0].equals("hash")) {
      System.out.println(pbkdf2(args[1].toCharArray()));
    } else {
      System.err.println("usage: keys DIR | token DIR USER [GROUP...] | hash PASSWORD");
      System.exit(2);
    }
  }

  /** A signed RS256 access token for the demo issuer. */
  public static String token(
      PrivateKey key, String user, Set<String> groups, long lifetimeSeconds) {
    return Jwt.issuer(ISSUER)
        .upn(user)
        .subject(user)
        .groups(groups)
        .expiresIn(lifetimeSeconds)
        .jws()
        .keyId("dev")
        .sign(key);
  }

  /**
   * Creates DIR/private.pem and DIR/public.pem unless they exist, then DIR/dev-key.xml (last, so
   * that the dev server, which includes it, never sees it before the key); true when created.
   */
  public static boolean ensureKeys(Path dir) throws IOException, GeneralSecurityException {
    Path priv = dir.resolve("private.pem");
    Path pub = dir.resolve("public.pem");
    Path snippet = dir.resolve("dev-key.xml");
    boolean created = false;
    if (!Files.exists(priv) || !Files.exists(pub)) {
      Files.createDirectories(dir);
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair kp = g.generateKeyPair();
      Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
      Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
      created = true;
    }
    if (created || !Files.exists(snippet)) {
      Path tmp = dir.resolve("dev-key.xml.tmp");
      Files.writeString(
          tmp,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
              + "<!-- DEV ONLY, made by io.pathauth.dev.DevTokens: trust the dev key pair. -->\n"
              + "<server>\n  <variable name=\"mp.jwt.verify.publickey.location\" value=\""
              + pub.toAbsolutePath().toUri()
              + "\"/>\n</server>\n");
      Files.move(
          tmp,
          snippet,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return created;
  }

  /** PEM text for DER bytes. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  public static PrivateKey readPrivateKey(Path file) throws IOException, GeneralSecurityException {
    String b64 = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA")
        .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
  }

  /**
   * A hash in the Jakarta Security {@code Pbkdf2PasswordHash} format {@code
   * algorithm:iterations:base64(salt):base64(hash)}.
   */
  public static String pbkdf2(char[] password) throws GeneralSecurityException {
    return pbkdf2(password, 210_000);
  }

  /**
   * Like {@link #pbkdf2(char[])} with a given iteration count (benchmarks only go below 210,000).
   */
  public static String pbkdf2(char[] password, int iterations) throws GeneralSecurityException {
    String algorithm = "PBKDF2WithHmacSHA512";
    byte[] salt = new byte[32];
    new SecureRandom().nextBytes(salt);
    byte[] hash =
        SecretKeyFactory.getInstance(algorithm)
            .generateSecret(new PBEKeySpec(password, salt, iterations, 32 * 8))
            .getEncoded();
    Base64.Encoder b64 = Base64.getEncoder();
    return algorithm
        + ":"
        + iterations
        + ":"
        + b64.encodeToString(salt)
        + ":"
        + b64.encodeToString(hash);
  }
}
