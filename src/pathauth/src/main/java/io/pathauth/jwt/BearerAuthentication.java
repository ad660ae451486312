package io.pathauth.jwt;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.http.BearerTokenError;
import io.pathauth.http.BearerTokenErrors;
import io.pathauth.http.ContainerLogin;
import io.pathauth.http.Outcome;
import io.pathauth.http.Refusal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer authentication on jwt paths. A presented token is always verified, even on a resource
 * without constraints; no token on such a resource leaves the caller anonymous. Never touches the
 * HTTP session, and never looks at cookies other than the configured token cookie.
 */
public final class BearerAuthentication {

  /** The request attribute that holds the verified token of a bearer request. */
  static final String TOKEN_ATTRIBUTE = BearerAuthentication.class.getName() + ".token";

  private static final Logger LOG = Logger.getLogger(BearerAuthentication.class.getName());

  private final String realm;
  private final BearerVerification verification;
  private final Supplier<JsonWebToken> requestToken;
  private final Predicate<JsonWebToken> registryUser;
  private final SecurityEvents events;
  private final AtomicBoolean unavailableLogged = new AtomicBoolean();

  /** What the container is told about a verified token's caller. */
  private record ContainerIdentity(String key, boolean registryUser) {}

  /**
   * The container identity of each verified token, made once: a cached token is the same object on
   * every request, so its key is built once, and Liberty, handed the same string again, hashes it
   * once and finds it by reference. Weak keys: an entry goes with its token. One deployment, so one
   * context path, per instance of this class.
   */
  private final Cache<JsonWebToken, ContainerIdentity> containerIdentities =
      Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

  /**
   * @param verification the pipeline that verifies the request's token
   * @param requestToken gives back {@link #token} of the request being processed (null when none),
   *     for the caller principal
   * @param registryUser tells whether a verified token's caller is a user of the server's registry
   *     (a token pathauth issued when passwords are checked there)
   */
  public BearerAuthentication(
      String realm,
      BearerVerification verification,
      Supplier<JsonWebToken> requestToken,
      Predicate<JsonWebToken> registryUser,
      SecurityEvents events) {
    this.registryUser = registryUser;
    this.realm = realm;
    this.verification = verification;
    this.requestToken = requestToken;
    this.events = events;
  }

  /**
   * Authenticates a request on a jwt path.
   *
   * @param callerRequired whether the path's access policy requires a caller even where no
   *     constraint protects the resource
   */
  public Outcome validate(
      boolean callerRequired, HttpServletRequest request, HttpMessageContext ctx) {
    JsonWebToken jwt;
    try {
      Optional<JsonWebToken> verified = verification.verify(request);
      if (verified.isEmpty()) {
        if (callerRequired || ctx.isProtected() || ctx.isAuthenticationRequest()) {
          return fail(request, BearerTokenErrors.missing());
        }
        return Outcome.of(ctx.doNothing());
      }
      jwt = verified.get();
    } catch (InvalidBearerTokenException e) {
      return fail(request, e.error());
    } catch (VerifierUnavailableException e) {
      if (unavailableLogged.compareAndSet(false, true)) {
        LOG.log(Level.SEVERE, "pathauth: token verification unavailable", e);
      } else {
        LOG.severe("pathauth: token verification unavailable: " + e.getMessage());
      }
      // no key set was ever fetched (the identity provider unreachable since the start): the token
      // cannot be judged, neither "bad" (401) nor our bug (500); the client may retry
      return Outcome.refused(new Refusal.Unavailable());
    }
    request.setAttribute(TOKEN_ATTRIBUTE, jwt);
    ContainerIdentity identity = containerIdentities.getIfPresent(jwt);
    if (identity == null) { // no capturing lambda on every request: only a new token builds one
      identity = containerIdentity(jwt, request);
      containerIdentities.put(jwt, identity);
    }
    return Outcome.of(
        ContainerLogin.login(
            ctx,
            new BearerPrincipal(jwt.getName(), requestToken),
            jwt.getGroups(),
            identity.key(),
            identity.registryUser()));
  }

  /**
   * Keyed by caller and groups, not by token: a caller's next token reuses the container's Subject
   * (no JAAS login, no LTPA signature on Liberty). The principal answers the claims of this
   * request's token, whichever token created the Subject.
   */
  private ContainerIdentity containerIdentity(JsonWebToken jwt, HttpServletRequest request) {
    boolean registry = registryUser.test(jwt);
    String identityKey = "jwt:" + ContainerLogin.identityKey(jwt.getName(), jwt.getGroups());
    return new ContainerIdentity(
        ContainerLogin.containerKey(request.getContextPath(), identityKey, registry), registry);
  }

  /** The token this mechanism verified for {@code request}, or null when there is none. */
  public static JsonWebToken token(ServletRequest request) {
    return request.getAttribute(TOKEN_ATTRIBUTE) instanceof JsonWebToken jwt ? jwt : null;
  }

  private Outcome fail(HttpServletRequest request, BearerTokenError error) {
    // The reason, never the token: operators turn this on to see why clients get 401.
    LOG.fine(() -> "pathauth: bearer authentication failed: " + error);
    if (error.code() != null) { // a presented token was refused (not merely absent)
      events.record(SecurityEvent.of(Type.TOKEN_REJECTED, false, "", request, error.description()));
    }
    return Outcome.refused(new Refusal.BearerChallenge(error));
  }
}
