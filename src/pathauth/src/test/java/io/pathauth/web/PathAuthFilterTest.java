package io.pathauth.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.RequestState;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.state.StateUnavailableException;
import io.pathauth.support.FakeExchange;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The filter enforces what the mechanism decided for the request's path rule. */
class PathAuthFilterTest {

  private static final AccessPolicy ADMINS = AccessPolicy.rolesAllowed(Set.of("admin", "ops"));

  private final PathAuthFilter filter = new PathAuthFilter("pathauth", "/login", false);

  /** Runs the filter; true when the request reached the application. */
  private boolean run(FakeExchange x, Mechanism mechanism, AccessPolicy access, boolean own)
      throws Exception {
    RequestState state = RequestState.decide(x.request, mechanism, access);
    if (own) {
      state.authenticated();
    }
    AtomicBoolean reached = new AtomicBoolean();
    filter.doFilter(x.request, x.response, (rq, rs) -> reached.set(true));
    return reached.get();
  }

  @Test
  void whenABearerCallerHoldsOneOfTheRuleRoles_thenTheRequestReachesTheApplication()
      throws Exception {
    FakeExchange x = new FakeExchange("GET", "bob", Set.of("user", "ops"));
    assertTrue(run(x, Mechanism.JWT, ADMINS, true));
    assertEquals(200, x.status());
  }

  @Test
  void whenABearerCallerLacksTheRuleRoles_thenForbiddenWithInsufficientScope() throws Exception {
    FakeExchange x = new FakeExchange("GET", "alice", Set.of("user"));
    assertFalse(run(x, Mechanism.JWT, ADMINS, true));
    assertEquals(403, x.status());
    String challenge = x.header(AuthenticationResponses.WWW_AUTHENTICATE);
    assertTrue(challenge.startsWith("Bearer realm=\"pathauth\", error=\"insufficient_scope\""));
    assertTrue(x.body().contains("\"error\":\"insufficient_scope\""), x.body());
  }

  @Test
  void whenASessionCallerLacksTheRuleRoles_thenForbiddenWithoutAChallenge() throws Exception {
    FakeExchange x = new FakeExchange("GET", "alice", Set.of("user"));
    assertFalse(run(x, Mechanism.SESSION, ADMINS, true));
    assertEquals(403, x.status());
    assertNull(x.header(AuthenticationResponses.WWW_AUTHENTICATE));
    assertTrue(x.body().contains("lacks a required role"), x.body());
  }

  @Test
  void whenAPolicyNeedsACallerAndNoneWasAuthenticated_thenTheBackstopChallenges() throws Exception {
    FakeExchange bearer = new FakeExchange("GET", null, Set.of());
    assertFalse(run(bearer, Mechanism.JWT, AccessPolicy.AUTHENTICATED, false));
    assertEquals(401, bearer.status());
    assertEquals(
        "Bearer realm=\"pathauth\"", bearer.header(AuthenticationResponses.WWW_AUTHENTICATE));
    FakeExchange session = new FakeExchange("GET", null, Set.of());
    assertFalse(run(session, Mechanism.SESSION, ADMINS, false));
    assertEquals(401, session.status());
    assertTrue(
        session.header(AuthenticationResponses.WWW_AUTHENTICATE).contains("/ctx/login"),
        session.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenAnotherMechanismAuthenticatedTheCaller_thenCrossOverIsRefused() throws Exception {
    FakeExchange x = new FakeExchange("GET", "bob", Set.of("admin"));
    assertFalse(run(x, Mechanism.JWT, AccessPolicy.PERMIT, false), "e.g. a container SSO cookie");
    assertEquals(401, x.status());
  }

  @Test
  void whenThePolicyPermitsAndTheCallerIsAnonymous_thenTheApplicationDecides() throws Exception {
    FakeExchange x = new FakeExchange("GET", null, Set.of());
    assertTrue(run(x, Mechanism.JWT, AccessPolicy.PERMIT, false));
    assertEquals(200, x.status());
  }

  @Test
  void whenPathAuthAlreadyAnswered_thenNothingRunsAndNothingMoreIsWritten() throws Exception {
    FakeExchange x = new FakeExchange("GET", null, Set.of());
    RequestState.markHandled(x.request);
    assertFalse(run(x, Mechanism.JWT, AccessPolicy.AUTHENTICATED, false));
    assertEquals(200, x.status(), "the mechanism's answer stands");
    assertEquals("", x.body());
  }

  @Test
  void whenPathAuthsStateCannotBeWrittenBehindIt_then503WithRetryAfterNot500() throws Exception {
    FakeExchange x = new FakeExchange("POST", "alice", Set.of());
    RequestState.decide(x.request, Mechanism.JWT, AccessPolicy.PERMIT).authenticated();
    filter.doFilter(
        x.request,
        x.response,
        (rq, rs) -> {
          rs.getWriter().write("half an answer");
          throw new StateUnavailableException(
              "cannot write revocations.txt", new java.io.IOException("No space left on device"));
        });
    assertEquals(503, x.status());
    assertEquals("5", x.header("Retry-After"));
    assertTrue(x.body().contains("temporarily_unavailable"), x.body());
    assertFalse(x.body().contains("half an answer"), "the partial answer is dropped");
    assertFalse(x.body().contains("No space"), "no detail to the client: " + x.body());
  }
}
