package io.pathauth.jwt;

import io.pathauth.config.Decryption;
import io.pathauth.config.JwksSettings;
import io.pathauth.config.JwtSettings;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.http.BearerTokenErrors;
import io.smallrye.jwt.algorithm.KeyEncryptionAlgorithm;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTTokenParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * Verifies tokens with smallrye-jwt's parser (jose4j underneath), configured from the standard
 * {@code mp.jwt.*} keys. Local keys (inline, {@code file:}, {@code classpath:}) are read and
 * checked once, when the verifier is built, so a broken key stops the deployment; {@code http(s):}
 * locations (JWKS) are fetched and cached by smallrye-jwt.
 */
public final class SmallRyeTokenVerifier implements TokenVerifier {

  private final DefaultJWTTokenParser parser;
  private final RemoteKeySet remoteKeys;
  private final JWTAuthContextInfo info = new JWTAuthContextInfo();
  private final ClaimCheck claims;
  private final Optional<Decryption> decryption;

  public SmallRyeTokenVerifier(JwtSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * @param clock when a remote key set is fetched again (the token times are checked by {@link
   *     TimestampCheck})
   */
  public SmallRyeTokenVerifier(JwtSettings settings, Clock clock) {
    RemoteKeySet remote = null;
    // An EnumSet, not a HashSet: smallrye-jwt decodes a PEM key fetched from a URL with the first
    // algorithm of this set, and a HashSet's order changes from one JVM to the next.
    Set<SignatureAlgorithm> algorithms = EnumSet.noneOf(SignatureAlgorithm.class);
    settings.algorithms().stream().map(SignatureAlgorithm::fromAlgorithm).forEach(algorithms::add);
    if (settings.publicKey().isPresent()) {
      configure(
          info,
          JwtSettings.MP_PUBLICKEY,
          settings.publicKey().get(),
          algorithms,
          settings.jwks().rsaMinBits());
    } else if (settings.publicKeyLocation().isPresent()) {
      String location = settings.publicKeyLocation().get();
      if (RemoteKeySet.isRemote(location)) {
        checkRemote(location);
        info.setPublicKeyLocation(location);
        info.setSignatureAlgorithm(algorithms);
        remote = new RemoteKeySet(location, settings.jwks(), algorithms, clock);
      } else {
        String content;
        try {
          content = KeyUtils.readKeyContent(location);
        } catch (IOException | RuntimeException e) {
          throw new PathAuthConfigException(
              JwtSettings.MP_PUBLICKEY_LOCATION, "cannot read key from '" + location + "'", e);
        }
        if (content == null || content.isBlank()) {
          throw new PathAuthConfigException(
              JwtSettings.MP_PUBLICKEY_LOCATION, "no key found at '" + location + "'");
        }
        configure(
            info,
            JwtSettings.MP_PUBLICKEY_LOCATION,
            content,
            algorithms,
            settings.jwks().rsaMinBits());
      }
    } else if (settings.decryption().isEmpty()) {
      throw new PathAuthConfigException(JwtSettings.MP_PUBLICKEY, "no verification key configured");
    }
    this.decryption = settings.decryption();
    this.remoteKeys = remote;
    this.parser = remote == null ? new DefaultJWTTokenParser() : new RemoteKeysParser(remote);
    decryption.ifPresent(d -> configureDecryption(info, d));
    settings.issuer().ifPresent(info::setIssuedBy);
    this.claims = new ClaimCheck(settings.claims(), settings.audiences());
    if (!settings.audiences().isEmpty() && !claims.checksAudience()) {
      info.setExpectedAudience(Set.copyOf(settings.audiences()));
    }
    info.setClockSkew(settings.clockSkewSeconds());
    // smallrye-jwt relaxes jose4j's key checks by default: any RSA key, even 512 bits, would
    // verify.
    // pathauth checks sizes itself (local keys here, at deploy time; an IdP's keys when fetched)
    // against pathauth.jwt.rsa-min-bits; jose4j's own check (2048) stays on unless that is lower.
    info.setRelaxVerificationKeyValidation(settings.jwks().rsaMinBits() < 2048);
    if (settings.tokenAgeSeconds().isPresent()) {
      info.setTokenAge(settings.tokenAgeSeconds().getAsLong());
    }
  }

  @Override
  public JsonWebToken verify(String token) {
    return verify(token, null);
  }

  /**
   * {@link #verify(String)} of a token whose header a caller has parsed already.
   *
   * @param header the token's JOSE header ({@link ClaimCheck#header}), or null to parse it here
   */
  JsonWebToken verify(String token, Map<String, Object> header) {
    try {
      boolean encrypted = isCompactJwe(token);
      if (encrypted) {
        checkEncryption(token);
      } else {
        Map<String, Object> h = header != null ? header : ClaimCheck.header(token);
        claims.checkHeader(h::get, true, true); // before signature work
      }
      // smallrye-jwt's own steps, as its DefaultJWTParser runs them, with the JOSE objects kept:
      // the innermost one holds the claims as the token carries them
      JwtContext context = parser.parse(token, info);
      JsonWebStructure inner = context.getJoseObjects().get(0);
      if (encrypted) {
        claims.checkHeaders(context.getJoseObjects());
      }
      JsonWebToken jwt =
          new DefaultJWTCallerPrincipal(inner.getHeader("typ"), context.getJwtClaims());
      if (jwt.getIssuedAtTime() > jwt.getExpirationTime()) {
        throw new InvalidBearerTokenException(
            BearerTokenErrors.invalidToken("The token is issued after it expires"));
      }
      return claims.apply(payload(inner), jwt);
    } catch (ParseException e) {
      if (causedBy(e, IOException.class)) {
        throw new VerifierUnavailableException("verification keys could not be loaded", e);
      }
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken(describe(e)), e);
    }
  }

  /** The identity provider's key set, when the verification key is fetched from a URL. */
  public Optional<RemoteKeySet> remoteKeys() {
    return Optional.ofNullable(remoteKeys);
  }

  /** smallrye-jwt's parser with {@link RemoteKeySet} in place of its own key-location resolver. */
  private static final class RemoteKeysParser extends DefaultJWTTokenParser {
    private final RemoteKeySet keys;

    RemoteKeysParser(RemoteKeySet keys) {
      this.keys = keys;
    }

    @Override
    protected VerificationKeyResolver getVerificationKeyResolver(JWTAuthContextInfo info) {
      return keys;
    }
  }

  /** The claims JSON of the structure that carries them (already verified or decrypted). */
  private static String payload(JsonWebStructure inner) {
    try {
      return inner instanceof JsonWebSignature jws
          ? jws.getUnverifiedPayload()
          : inner.getPayload();
    } catch (JoseException e) {
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken("Malformed token"), e);
    }
  }

  /** Five non-empty segments: the compact JWE form. */
  static boolean isCompactJwe(String token) {
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) == '.') {
        dots++;
      }
    }
    return dots == 4;
  }

  /**
   * An encrypted token's header, before any decryption: when no decryption key is configured it is
   * refused; else its key management must be an allowed RSA-OAEP variant and its content encryption
   * {@code A256GCM} (jose4j would otherwise accept any content encryption it knows).
   */
  private void checkEncryption(String token) {
    if (decryption.isEmpty()) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidToken("Encrypted tokens are not accepted"));
    }
    Map<String, Object> header = ClaimCheck.header(token);
    Object alg = header.get("alg");
    Object enc = header.get("enc");
    if (!(alg instanceof String a) || !decryption.get().algorithms().contains(a)) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidToken("The token's key encryption is not accepted"));
    }
    if (!Decryption.CONTENT_ENCRYPTION.equals(enc)) {
      throw new InvalidBearerTokenException(
          BearerTokenErrors.invalidToken("The token's content encryption is not accepted"));
    }
  }

  /**
   * Reads the private key once, so that a missing or unusable key fails the deployment with the
   * key's name. A PEM key is handed to smallrye-jwt decoded; a JWK or JWK set (with private keys)
   * as JSON, and smallrye-jwt picks the key by the token's {@code kid}.
   */
  private static void configureDecryption(JWTAuthContextInfo info, Decryption d) {
    String key = Decryption.MP_DECRYPT_KEY_LOCATION;
    String content;
    try {
      content = KeyUtils.readKeyContent(d.keyLocation());
    } catch (IOException | RuntimeException e) {
      throw new PathAuthConfigException(key, "cannot read key from '" + d.keyLocation() + "'", e);
    }
    if (content == null || content.isBlank()) {
      throw new PathAuthConfigException(key, "no key found at '" + d.keyLocation() + "'");
    }
    Set<KeyEncryptionAlgorithm> algorithms = EnumSet.noneOf(KeyEncryptionAlgorithm.class);
    d.algorithms().stream().map(KeyEncryptionAlgorithm::fromAlgorithm).forEach(algorithms::add);
    info.setKeyEncryptionAlgorithm(algorithms);
    String trimmed = content.trim();
    String json = trimmed.startsWith("{") ? trimmed : base64Json(trimmed);
    if (json != null) {
      List<JsonWebKey> keys = jsonWebKeys(key, json);
      if (keys.stream()
          .noneMatch(k -> k instanceof PublicJsonWebKey p && p.getPrivateKey() != null)) {
        throw new PathAuthConfigException(key, "the JWK or JWK set holds no private key");
      }
      info.setDecryptionKeyContent(json);
      return;
    }
    try {
      info.setPrivateDecryptionKey(KeyUtils.decodeDecryptionPrivateKey(trimmed));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PathAuthConfigException(key, "not a PEM or JWK private key", e);
    }
  }

  /** A short, client-safe reason; never key material or parser internals. */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidJwtException ije) {
        if (ije.hasExpired()) {
          return "The token has expired";
        }
        if (ije.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
          return "The token is not yet valid";
        }
        if (ije.hasErrorCode(ErrorCodes.ISSUER_INVALID)
            || ije.hasErrorCode(ErrorCodes.ISSUER_MISSING)) {
          return "The token issuer is not accepted";
        }
        if (ije.hasErrorCode(ErrorCodes.AUDIENCE_INVALID)
            || ije.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
          return "The token audience is not accepted";
        }
        if (ije.hasErrorCode(ErrorCodes.SIGNATURE_INVALID)) {
          return "The token signature is invalid";
        }
        if (ije.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
          return "The token is not signed";
        }
        if (ije.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_PAST)) {
          return "The token is too old";
        }
        if (ije.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
          return "The token is issued in the future";
        }
      }
    }
    return "The token is invalid";
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Keys fetched over the network must come over TLS; plain HTTP only from this machine. */
  private static void checkRemote(String location) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(location);
    } catch (IllegalArgumentException e) {
      throw new PathAuthConfigException(JwtSettings.MP_PUBLICKEY_LOCATION, "not a URL", e);
    }
    String host = uri.getHost() == null ? "" : uri.getHost();
    boolean loopback =
        host.equals("localhost")
            || host.startsWith("127.")
            || host.equals("[::1]")
            || host.equals("::1");
    if ("http".equalsIgnoreCase(uri.getScheme()) && !loopback) {
      throw new PathAuthConfigException(
          JwtSettings.MP_PUBLICKEY_LOCATION,
          "keys must be fetched over https (plain http is accepted only from localhost)");
    }
  }

  /** Parses the key once so that a broken key fails the deployment, not the first request. */
  /**
   * Parses a configured key once, so that a broken key fails the deployment, not the first request.
   * A PEM key is handed to smallrye-jwt decoded, with the algorithms narrowed to its key type; a
   * JWK or JWK set (plain or Base64URL-encoded JSON, as MP-JWT allows) is handed over as JSON, and
   * smallrye-jwt picks the key by the token's {@code kid}.
   */
  private static void configure(
      JWTAuthContextInfo info,
      String key,
      String content,
      Set<SignatureAlgorithm> algorithms,
      int minBits) {
    String trimmed = content.trim();
    String json = trimmed.startsWith("{") ? trimmed : base64Json(trimmed);
    if (json != null) {
      List<JsonWebKey> keys = jsonWebKeys(key, json);
      for (JsonWebKey k : keys) {
        checkSize(key, k.getKey(), minBits);
      }
      info.setPublicKeyContent(json);
      info.setSignatureAlgorithm(algorithms);
      return;
    }
    for (SignatureAlgorithm algorithm : algorithms) {
      PublicKey publicKey;
      try {
        publicKey = KeyUtils.decodePublicKey(trimmed, algorithm);
      } catch (GeneralSecurityException | RuntimeException e) {
        continue; // not a key of this algorithm's family; try the next one
      }
      Set<SignatureAlgorithm> usable = EnumSet.noneOf(SignatureAlgorithm.class);
      for (SignatureAlgorithm a : algorithms) {
        if (fits(a, publicKey)) {
          usable.add(a);
        }
      }
      checkSize(key, publicKey, minBits);
      info.setPublicVerificationKey(publicKey);
      info.setSignatureAlgorithm(usable);
      return;
    }
    throw new PathAuthConfigException(key, "not a PEM or JWK public key usable with " + algorithms);
  }

  /** The keys of a configured JWK or JWK set; none is an error naming {@code key}. */
  private static List<JsonWebKey> jsonWebKeys(String key, String json) {
    List<JsonWebKey> keys;
    try {
      keys = KeyUtils.loadJsonWebKeys(json);
    } catch (RuntimeException e) {
      throw new PathAuthConfigException(key, "the JWK or JWK set cannot be parsed", e);
    }
    if (keys == null || keys.isEmpty()) {
      throw new PathAuthConfigException(key, "the JWK or JWK set holds no key");
    }
    return keys;
  }

  /** A configured RSA key must have at least {@code minBits}: else the deployment fails. */
  private static void checkSize(String configKey, java.security.Key key, int minBits) {
    if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < minBits) {
      throw new PathAuthConfigException(
          configKey,
          "the RSA key has "
              + rsa.getModulus().bitLength()
              + " bits, fewer than "
              + JwksSettings.RSA_MIN_BITS
              + "="
              + minBits);
    }
  }

  /** Whether {@code algorithm} signs with keys of {@code key}'s type. */
  static boolean fits(SignatureAlgorithm algorithm, PublicKey key) {
    String name = algorithm.getAlgorithm();
    return key instanceof RSAPublicKey
        ? name.startsWith("RS") || name.startsWith("PS")
        : key instanceof ECPublicKey && name.startsWith("ES");
  }

  /** The JSON inside a Base64URL-encoded JWK or JWK set, or null when it is not one. */
  private static String base64Json(String value) {
    try {
      String decoded = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
      return decoded.trim().startsWith("{") ? decoded.trim() : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
