package io.pathauth.jwt;

import io.pathauth.config.JwtSettings;
import io.pathauth.config.PathAuthConfigException;
import io.pathauth.http.BearerTokenErrors;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * Verifies tokens with smallrye-jwt's parser (jose4j underneath), configured from the standard
 * {@code mp.jwt.*} keys. Local keys (inline, {@code file:}, {@code classpath:}) are read and
 * checked once, when the verifier is built, so a broken key stops the deployment; {@code http(s):}
 * locations (JWKS) are fetched and cached by smallrye-jwt.
 */
public final class SmallRyeTokenVerifier implements TokenVerifier {

  private final DefaultJWTParser parser;
  private final ClaimCheck claims;

  public SmallRyeTokenVerifier(JwtSettings settings) {
    JWTAuthContextInfo info = new JWTAuthContextInfo();
    // An EnumSet, not a HashSet: smallrye-jwt decodes a PEM key fetched from a URL with the first
    // algorithm of this set, and a HashSet's order changes from one JVM to the next.
    Set<SignatureAlgorithm> algorithms = EnumSet.noneOf(SignatureAlgorithm.class);
    settings.algorithms().stream().map(SignatureAlgorithm::fromAlgorithm).forEach(algorithms::add);
    if (settings.publicKey().isPresent()) {
      configure(info, JwtSettings.MP_PUBLICKEY, settings.publicKey().get(), algorithms);
    } else if (settings.publicKeyLocation().isPresent()) {
      String location = settings.publicKeyLocation().get();
      if (isRemote(location)) {
        checkRemote(location);
        info.setPublicKeyLocation(location);
        info.setSignatureAlgorithm(algorithms);
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
        configure(info, JwtSettings.MP_PUBLICKEY_LOCATION, content, algorithms);
      }
    } else {
      throw new PathAuthConfigException(JwtSettings.MP_PUBLICKEY, "no verification key configured");
    }
    settings.issuer().ifPresent(info::setIssuedBy);
    this.claims = new ClaimCheck(settings.claims(), settings.audiences());
    if (!settings.audiences().isEmpty() && !claims.checksAudience()) {
      info.setExpectedAudience(Set.copyOf(settings.audiences()));
    }
    info.setClockSkew(settings.clockSkewSeconds());
    if (settings.tokenAgeSeconds().isPresent()) {
      info.setTokenAge(settings.tokenAgeSeconds().getAsLong());
    }
    this.parser = new DefaultJWTParser(info);
  }

  @Override
  public JsonWebToken verify(String token) {
    try {
      claims.checkHeader(token);
      JsonWebToken jwt = parser.parse(token);
      if (jwt.getIssuedAtTime() > jwt.getExpirationTime()) {
        throw new InvalidBearerTokenException(
            BearerTokenErrors.invalidToken("The token is issued after it expires"));
      }
      return claims.apply(token, jwt);
    } catch (ParseException e) {
      if (causedBy(e, IOException.class)) {
        throw new VerifierUnavailableException("verification keys could not be loaded", e);
      }
      throw new InvalidBearerTokenException(BearerTokenErrors.invalidToken(describe(e)), e);
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

  private static boolean isRemote(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  /** Parses the key once so that a broken key fails the deployment, not the first request. */
  /**
   * Parses a configured key once, so that a broken key fails the deployment, not the first request.
   * A PEM key is handed to smallrye-jwt decoded, with the algorithms narrowed to its key type; a
   * JWK or JWK set (plain or Base64URL-encoded JSON, as MP-JWT allows) is handed over as JSON, and
   * smallrye-jwt picks the key by the token's {@code kid}.
   */
  private static void configure(
      JWTAuthContextInfo info, String key, String content, Set<SignatureAlgorithm> algorithms) {
    String trimmed = content.trim();
    String json = trimmed.startsWith("{") ? trimmed : base64Json(trimmed);
    if (json != null) {
      List<JsonWebKey> keys;
      try {
        keys = KeyUtils.loadJsonWebKeys(json);
      } catch (RuntimeException e) {
        throw new PathAuthConfigException(key, "the JWK or JWK set cannot be parsed", e);
      }
      if (keys == null || keys.isEmpty()) {
        throw new PathAuthConfigException(key, "the JWK or JWK set holds no key");
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
      info.setPublicVerificationKey(publicKey);
      info.setSignatureAlgorithm(usable);
      return;
    }
    throw new PathAuthConfigException(key, "not a PEM or JWK public key usable with " + algorithms);
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
