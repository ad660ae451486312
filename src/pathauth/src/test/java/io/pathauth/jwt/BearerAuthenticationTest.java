package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.http.BearerTokenErrors;
import io.pathauth.http.Outcome;
import io.pathauth.http.Refusal;
import io.pathauth.support.FakeRequests;
import io.pathauth.testing.MutableClock;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import javax.security.auth.Subject;
import org.junit.jupiter.api.Test;

/**
 * The bearer flow's decisions, without a server: each answer is a typed outcome, nothing written.
 */
class BearerAuthenticationTest {

  private final MutableClock clock = new MutableClock();
  private final long now = clock.instant().getEpochSecond();
  private final List<SecurityEvent> audit = new ArrayList<>();
  private final List<String> logins = new ArrayList<>();

  private BearerAuthentication flow(Optional<String> token, TokenVerifier verifier) {
    return new BearerAuthentication(
        "pathauth",
        new BearerVerification(
            request -> token,
            verifier,
            new TimestampCheck(0, OptionalLong.empty(), clock),
            jwt -> false),
        () -> null,
        jwt -> false,
        new SecurityEvents(audit::add));
  }

  /** A context of an unprotected resource that records the container login. */
  private HttpMessageContext context() {
    return context(null);
  }

  /**
   * Like {@link #context()}, with a client Subject whose login hashtable is {@code login} (as on
   * Open Liberty), or none when null.
   */
  private HttpMessageContext context(Hashtable<String, Object> login) {
    Subject subject = login == null ? null : new Subject(false, Set.of(), Set.of(), Set.of(login));
    return (HttpMessageContext)
        Proxy.newProxyInstance(
            HttpMessageContext.class.getClassLoader(),
            new Class<?>[] {HttpMessageContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "doNothing" -> AuthenticationStatus.NOT_DONE;
                  case "isProtected", "isAuthenticationRequest" -> false;
                  case "notifyContainerAboutLogin" -> {
                    logins.add(
                        ((Principal) args[0]).getName()
                            + " "
                            + new java.util.TreeSet<>((Set<?>) args[1]));
                    yield AuthenticationStatus.SUCCESS;
                  }
                  case "getClientSubject" -> subject;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static HttpServletRequest request() {
    Map<String, Object> getters = new HashMap<>();
    getters.put("getAttribute", null);
    getters.put("setAttribute", null);
    getters.put("getRemoteAddr", "127.0.0.1");
    getters.put("getContextPath", "/app");
    return FakeRequests.of(getters);
  }

  @Test
  void whenNoTokenAndTheResourceIsOpen_thenNothingIsDone() {
    Outcome o =
        flow(
                Optional.empty(),
                t -> {
                  throw new AssertionError();
                })
            .validate(false, request(), context());
    assertEquals(AuthenticationStatus.NOT_DONE, o.status());
    assertTrue(o.refusal().isEmpty());
  }

  @Test
  void whenNoTokenAndThePolicyNeedsACaller_thenABareChallenge() {
    Outcome o =
        flow(
                Optional.empty(),
                t -> {
                  throw new AssertionError();
                })
            .validate(true, request(), context());
    assertEquals(AuthenticationStatus.SEND_FAILURE, o.status());
    assertEquals(
        BearerTokenErrors.missing(),
        assertInstanceOf(Refusal.BearerChallenge.class, o.refusal().get()).error());
    assertTrue(audit.isEmpty(), "an absent token is not a rejected one");
  }

  @Test
  void whenTheTokenIsBad_thenInvalidTokenAndAnAuditEvent() {
    Outcome o =
        flow(
                Optional.of("t"),
                t -> {
                  throw new InvalidBearerTokenException(
                      BearerTokenErrors.invalidToken("The token signature is invalid"));
                })
            .validate(false, request(), context());
    Refusal.BearerChallenge c = assertInstanceOf(Refusal.BearerChallenge.class, o.refusal().get());
    assertEquals("invalid_token", c.error().code());
    assertEquals(1, audit.size());
  }

  @Test
  void whenNoKeysCouldEverBeLoaded_thenUnavailableNeitherA401NorA500() {
    Outcome o =
        flow(
                Optional.of("t"),
                t -> {
                  throw new VerifierUnavailableException("keys", new java.io.IOException("down"));
                })
            .validate(false, request(), context());
    assertInstanceOf(Refusal.Unavailable.class, o.refusal().get());
  }

  @Test
  void whenTheTokenIsGood_thenTheContainerLearnsTheCallerAndGroups() {
    ClaimsToken jwt = ClaimsToken.of("alice", now, now + 60).with("groups", Set.of("user"));
    Outcome o = flow(Optional.of("t"), t -> jwt).validate(false, request(), context());
    assertEquals(AuthenticationStatus.SUCCESS, o.status());
    assertEquals(List.of("alice [user]"), logins);
  }

  @Test
  void whenTheSameVerifiedTokenComesAgain_thenTheContainerGetsTheSameKeyObject() {
    ClaimsToken alice = ClaimsToken.of("alice", now, now + 60).with("groups", Set.of("user"));
    ClaimsToken bob = ClaimsToken.of("bob", now, now + 60).with("groups", Set.of("user"));
    Iterator<ClaimsToken> verified = List.of(alice, alice, bob).iterator(); // as from the cache
    BearerAuthentication flow = flow(Optional.of("t"), t -> verified.next());
    List<Object> keys = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Hashtable<String, Object> login = new Hashtable<>();
      assertEquals(
          AuthenticationStatus.SUCCESS, flow.validate(false, request(), context(login)).status());
      keys.add(login.get("com.ibm.wsspi.security.cred.cacheKey"));
    }
    assertInstanceOf(String.class, keys.get(0));
    assertSame(keys.get(0), keys.get(1), "alice's token again: the very same key");
    assertNotEquals(keys.get(0), keys.get(2), "bob: a key of his own");
  }
}
