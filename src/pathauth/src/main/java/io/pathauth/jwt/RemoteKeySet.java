package io.pathauth.jwt;

import io.pathauth.config.JwksSettings;
import io.pathauth.config.PathAuthConfigException;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jose4j.http.Get;
import org.jose4j.http.SimpleGet;
import org.jose4j.http.SimpleResponse;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.VerificationJwkSelector;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.VerificationKeyResolver;
import org.jose4j.lang.JoseException;
import org.jose4j.lang.UnresolvableKeyException;

/**
 * The keys an identity provider publishes at an {@code https:} location, fetched and kept so that
 * its outages, rotations and attackers cost little:
 *
 * <ul>
 *   <li>a key set is used for the IdP's {@code Cache-Control: max-age}, or {@code refresh-interval}
 *       without one, never less than {@code min-refresh-interval};
 *   <li>a token whose {@code kid} is unknown triggers one fetch, and then none for {@code
 *       min-refresh-interval}, whatever the fetch's outcome: a flood of random {@code kid}s is at
 *       most one request to the IdP per interval;
 *   <li>one request thread fetches at a time; the others go on with the keys held, never waiting;
 *   <li>a failed fetch (the IdP down, slow beyond {@code timeout}, garbage, an oversized set) keeps
 *       the last good key set, and the next try waits {@code min-refresh-interval};
 *   <li>no retries inside a fetch (jose4j's {@code Get} would retry three times with 20-second
 *       time-outs), bounded time-outs, a bounded body.
 * </ul>
 *
 * A token whose key is not in the set is a bad token (401). Only when no key set was ever fetched
 * is verification impossible, a {@link VerifierUnavailableException} (503): not the token's fault.
 * A location that serves a PEM public key instead of a JWKS is read as that one key, as
 * smallrye-jwt does.
 */
public final class RemoteKeySet implements VerificationKeyResolver {

  private static final Logger LOG = Logger.getLogger(RemoteKeySet.class.getName());

  /** What one successful fetch brought. */
  private record Snapshot(
      List<JsonWebKey> keys, PublicKey pem, Instant fetchedAt, Instant expiresAt) {}

  /** What readiness and metrics report. */
  public record State(
      boolean loaded,
      Optional<Instant> fetchedAt,
      Optional<Duration> age,
      boolean stale,
      int keys,
      long fetches,
      long failures,
      Optional<String> lastError) {}

  private final String location;
  private final JwksSettings settings;
  private final Set<SignatureAlgorithm> algorithms;
  private final Clock clock;
  private final SimpleGet http;
  private final ReentrantLock fetching = new ReentrantLock();
  private final AtomicLong fetches = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile Snapshot current;
  private volatile Instant lastAttempt = Instant.MIN;
  private volatile String lastError;

  /**
   * @param location the {@code https:} (or loopback {@code http:}) URL
   * @param algorithms the accepted signature algorithms (to read a PEM key of the right type)
   * @throws PathAuthConfigException when the TLS certificate file cannot be read
   */
  public RemoteKeySet(
      String location, JwksSettings settings, Set<SignatureAlgorithm> algorithms, Clock clock) {
    this(location, settings, algorithms, clock, get(settings));
  }

  RemoteKeySet(
      String location,
      JwksSettings settings,
      Set<SignatureAlgorithm> algorithms,
      Clock clock,
      SimpleGet http) {
    this.location = location;
    this.settings = settings;
    this.algorithms = Set.copyOf(algorithms);
    this.clock = clock;
    this.http = http;
  }

  private static Get get(JwksSettings settings) {
    Get get = new Get();
    int timeout = (int) settings.timeout().toMillis();
    get.setConnectTimeout(timeout);
    get.setReadTimeout(timeout);
    get.setRetries(0);
    get.setResponseBodySizeLimit(settings.maxBytes());
    settings.tlsCertificate().ifPresent(path -> get.setTrustedCertificates(certificates(path)));
    return get;
  }

  private static List<X509Certificate> certificates(String path) {
    String key = JwksSettings.PREFIX + "tls-certificate";
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) c);
      }
      if (certificates.isEmpty()) {
        throw new PathAuthConfigException(key, "no certificate in '" + path + "'");
      }
      return certificates;
    } catch (IOException | CertificateException | RuntimeException e) {
      if (e instanceof PathAuthConfigException p) {
        throw p;
      }
      throw new PathAuthConfigException(key, "cannot read certificates from '" + path + "'", e);
    }
  }

  @Override
  public Key resolveKey(JsonWebSignature jws, List<JsonWebStructure> nestingContext)
      throws UnresolvableKeyException {
    Instant now = clock.instant();
    Snapshot snapshot = current;
    if (snapshot == null) {
      snapshot = fetchFirst(now);
    } else if (!now.isBefore(snapshot.expiresAt()) && mayTry(now)) {
      tryFetch(now, false); // one thread; the others go on with the keys held
      snapshot = current;
    }
    Key key = select(snapshot, jws);
    if (key == null && snapshot.pem() == null && mayTry(now) && tryFetch(now, true)) {
      key = select(current, jws); // an unknown kid: perhaps a rotation
    }
    if (key == null) {
      throw new UnresolvableKeyException("No key of the identity provider's key set matches");
    }
    return key;
  }

  /**
   * Without any key set, one request fetches (bounded by the time-out) and the others do not wait
   * for it: an identity provider that hangs holds one request thread, never the server's pool. If
   * no key set can be had, verification is impossible: our side is unavailable, not the token.
   */
  private Snapshot fetchFirst(Instant now) throws UnresolvableKeyException {
    if (current == null) {
      tryFetch(now, false);
    }
    Snapshot snapshot = current;
    if (snapshot == null) {
      throw new UnresolvableKeyException(
          "The identity provider's key set is not available",
          new IOException(lastError == null ? "not fetched yet" : lastError));
    }
    return snapshot;
  }

  /** Fetches if no other thread is; answers whether a fetch ran and succeeded. */
  private boolean tryFetch(Instant now, boolean forUnknownKid) {
    if (!fetching.tryLock()) {
      return false;
    }
    try {
      return mayTry(now) && fetch(now, forUnknownKid);
    } finally {
      fetching.unlock();
    }
  }

  /** At most one attempt per {@code min-refresh-interval}, successful or not. */
  private boolean mayTry(Instant now) {
    Instant last = lastAttempt;
    return last.equals(Instant.MIN) || !now.isBefore(last.plus(settings.minRefreshInterval()));
  }

  /** Readiness probes call this: the key set is fetched before the first token needs it. */
  public void ensureLoaded() {
    if (current == null) {
      tryFetch(clock.instant(), false);
    }
  }

  private boolean fetch(Instant now, boolean forUnknownKid) {
    lastAttempt = now;
    fetches.incrementAndGet();
    try {
      SimpleResponse response = http.get(location);
      String body = response.getBody();
      Snapshot snapshot = parse(body, now, cacheLife(response));
      current = snapshot;
      lastError = null;
      LOG.fine(
          () ->
              "pathauth: key set fetched from "
                  + location
                  + (forUnknownKid ? " (unknown kid)" : "")
                  + ", "
                  + snapshot.keys().size()
                  + " keys, kept until "
                  + snapshot.expiresAt());
      return true;
    } catch (IOException | JoseException | GeneralSecurityException | RuntimeException e) {
      failures.incrementAndGet();
      lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
      // the last good key set stays; the next try waits min-refresh-interval
      LOG.log(
          Level.WARNING,
          "pathauth: cannot fetch the key set from "
              + location
              + " ("
              + lastError
              + "); "
              + (current == null ? "no key set yet" : "keeping the last good key set"));
      return false;
    }
  }

  private Snapshot parse(String body, Instant now, Duration life)
      throws JoseException, GeneralSecurityException {
    Instant expires = now.plus(life);
    String trimmed = body == null ? "" : body.trim();
    if (trimmed.startsWith("{")) {
      JsonWebKeySet set = new JsonWebKeySet(trimmed);
      List<JsonWebKey> keys =
          set.getJsonWebKeys().stream().filter(k -> strongEnough(k.getKey())).toList();
      if (keys.size() < set.getJsonWebKeys().size()) {
        LOG.warning(
            "pathauth: ignoring RSA keys under "
                + settings.rsaMinBits()
                + " bits in the key set of "
                + location);
      }
      if (keys.isEmpty()) {
        throw new JoseException("the key set holds no usable key");
      }
      return new Snapshot(keys, null, now, expires);
    }
    for (SignatureAlgorithm algorithm : algorithms) {
      PublicKey key;
      try {
        key = KeyUtils.decodePublicKey(trimmed, algorithm);
      } catch (GeneralSecurityException | RuntimeException e) {
        continue; // not a key of this algorithm's family; try the next one
      }
      if (!strongEnough(key)) {
        throw new JoseException("the RSA key is under " + settings.rsaMinBits() + " bits");
      }
      return new Snapshot(List.of(), key, now, expires);
    }
    throw new JoseException("neither a JWKS nor a PEM public key");
  }

  private boolean strongEnough(Key key) {
    return !(key instanceof java.security.interfaces.RSAPublicKey rsa)
        || rsa.getModulus().bitLength() >= settings.rsaMinBits();
  }

  /** The IdP's {@code max-age}, or the refresh interval; never less than the minimum interval. */
  private Duration cacheLife(SimpleResponse response) {
    Duration life = settings.refreshInterval();
    List<String> values = response.getHeaderValues("cache-control");
    if (values != null) {
      for (String value : values) {
        for (String directive : value.toLowerCase(Locale.ROOT).split(",")) {
          String d = directive.trim();
          if (d.startsWith("max-age=")) {
            try {
              life = Duration.ofSeconds(Long.parseLong(d.substring("max-age=".length()).trim()));
            } catch (NumberFormatException ignored) {
              // keep the configured interval
            }
          }
        }
      }
    }
    if (life.compareTo(settings.minRefreshInterval()) < 0) {
      return settings.minRefreshInterval();
    }
    return life.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1) : life;
  }

  private static Key select(Snapshot snapshot, JsonWebSignature jws) {
    if (snapshot.pem() != null) {
      return snapshot.pem();
    }
    try {
      JsonWebKey jwk = new VerificationJwkSelector().select(jws, snapshot.keys());
      return jwk == null ? null : jwk.getKey();
    } catch (JoseException e) {
      return null;
    }
  }

  /** The key set's state now, for readiness and metrics. */
  public State state() {
    Snapshot s = current;
    Instant now = clock.instant();
    if (s == null) {
      return new State(
          false,
          Optional.empty(),
          Optional.empty(),
          true,
          0,
          fetches.get(),
          failures.get(),
          Optional.ofNullable(lastError));
    }
    Duration age = Duration.between(s.fetchedAt(), now);
    return new State(
        true,
        Optional.of(s.fetchedAt()),
        Optional.of(age),
        age.compareTo(settings.staleAfter()) > 0,
        s.pem() != null ? 1 : s.keys().size(),
        fetches.get(),
        failures.get(),
        Optional.ofNullable(lastError));
  }

  /** Where the keys come from. */
  public String location() {
    return location;
  }

  /**
   * Whether {@code location} is fetched over the network (rather than read once at deploy time).
   */
  public static boolean isRemote(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }
}
