package io.pathauth.config;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Encrypted tokens (JWE, MP-JWT 2.1): where the private key is and which key-management algorithms
 * are accepted. With a verification key as well, tokens must be signed, then encrypted (a JWE whose
 * {@code cty} is {@code JWT}, holding a JWS); without one, tokens must be encrypted. Content
 * encryption is {@code A256GCM}, the one MP-JWT requires.
 *
 * @param keyLocation {@code mp.jwt.decrypt.key.location}: a PEM private key or a JWK/JWK set with
 *     private keys, from a file or the class path
 * @param algorithms {@code mp.jwt.decrypt.key.algorithm}: {@code RSA-OAEP}, {@code RSA-OAEP-256}
 *     (default: both, as MP-JWT 2.1 asks)
 */
public record Decryption(String keyLocation, Set<String> algorithms) {

  public static final String MP_DECRYPT_KEY_LOCATION = "mp.jwt.decrypt.key.location";
  public static final String MP_DECRYPT_KEY_ALGORITHM = "mp.jwt.decrypt.key.algorithm";

  /** The one content encryption accepted. */
  public static final String CONTENT_ENCRYPTION = "A256GCM";

  private static final Set<String> ALGORITHMS = Set.of("RSA-OAEP", "RSA-OAEP-256");

  public Decryption {
    algorithms = Set.copyOf(algorithms);
  }

  /** Reads the {@code mp.jwt.decrypt.*} keys; empty when no decryption key is configured. */
  static Optional<Decryption> read(ConfigReader r) {
    Optional<String> location = r.string(MP_DECRYPT_KEY_LOCATION);
    if (location.isEmpty()) {
      if (r.string(MP_DECRYPT_KEY_ALGORITHM).isPresent()) {
        throw new PathAuthConfigException(
            MP_DECRYPT_KEY_ALGORITHM, "is set but " + MP_DECRYPT_KEY_LOCATION + " is not");
      }
      return Optional.empty();
    }
    String l = location.get().toLowerCase(Locale.ROOT);
    if (l.startsWith("http:") || l.startsWith("https:")) {
      // a private key is never fetched over the network
      throw new PathAuthConfigException(
          MP_DECRYPT_KEY_LOCATION, "must be a file or class-path location, not a URL");
    }
    Set<String> algorithms = new LinkedHashSet<>();
    for (String a : r.list(MP_DECRYPT_KEY_ALGORITHM)) {
      String upper = a.toUpperCase(Locale.ROOT);
      if (!ALGORITHMS.contains(upper)) {
        throw new PathAuthConfigException(
            MP_DECRYPT_KEY_ALGORITHM,
            "unsupported algorithm '" + a + "' (allowed: RSA-OAEP, RSA-OAEP-256)");
      }
      algorithms.add(upper);
    }
    if (algorithms.isEmpty()) {
      algorithms.addAll(ALGORITHMS);
    }
    return Optional.of(new Decryption(location.get(), algorithms));
  }
}
