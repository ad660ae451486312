package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
                  case "getClientSubject" -> null;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static HttpServletRequest request() {
    Map<String, Object> getters = new HashMap<>();
    getters.put("getAttribute", null);
    getters.put("setAttribute", null);
    getters.put("getRemoteAddr", "127.0.0.1");
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
}
