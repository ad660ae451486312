package io.pathauth.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.audit.SecurityEvents;
import io.pathauth.config.SessionSettings;
import io.pathauth.http.RequestState;
import io.pathauth.identity.PasswordCheck;
import io.pathauth.jwt.BearerAuthentication;
import io.pathauth.jwt.BearerVerification;
import io.pathauth.jwt.TimestampCheck;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.path.PathPattern;
import io.pathauth.path.PathRule;
import io.pathauth.session.LocalLoginThrottle;
import io.pathauth.session.PasswordLogin;
import io.pathauth.session.SessionAuthentication;
import io.pathauth.state.StateUnavailableException;
import io.pathauth.support.FakeExchange;
import io.pathauth.support.TestSettings;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The mechanism's per-request dispatch: one match, one recorded decision, the policy applied. */
class PathAuthDispatchTest {

  private static PathRule rule(String name, String path, Mechanism m, AccessPolicy access) {
    return new PathRule(name, List.of(PathPattern.parse(path)), m, Set.of(), access);
  }

  private static final SessionSettings SESSION = TestSettings.session();

  private final PathAuthMechanism mechanism =
      new PathAuthMechanism(
          PathMatcher.of(
              List.of(
                  rule("app", "/app/*", Mechanism.SESSION, AccessPolicy.AUTHENTICATED),
                  rule("closed", "/internal/*", Mechanism.NONE, AccessPolicy.DENY),
                  rule("public", "/public/*", Mechanism.NONE, AccessPolicy.PERMIT)),
              Mechanism.NONE),
          SESSION,
          new SessionAuthentication(
              SESSION,
              new PasswordLogin(
                  (PasswordCheck)
                      (u, p, r) -> {
                        throw new AssertionError("no login here");
                      },
                  new LocalLoginThrottle(5, 50, 900, Clock.systemUTC()),
                  new SecurityEvents()),
              false,
              Clock.systemUTC(),
              (id, now) -> false),
          null,
          false,
          "pathauth");

  /** A context whose resource no constraint protects; doNothing() is NOT_DONE. */
  private static HttpMessageContext context() {
    return (HttpMessageContext)
        Proxy.newProxyInstance(
            HttpMessageContext.class.getClassLoader(),
            new Class<?>[] {HttpMessageContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "doNothing" -> AuthenticationStatus.NOT_DONE;
                  case "isProtected", "isAuthenticationRequest" -> false;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private AuthenticationStatus dispatch(FakeExchange x) throws Exception {
    return mechanism.validateRequest(x.request, x.response, context());
  }

  @Test
  void whenARuleDenies_then403BeforeAnyAuthenticationAndTheRequestIsAnswered() throws Exception {
    FakeExchange x = new FakeExchange("GET", "/internal/x", null, Set.of());
    assertEquals(AuthenticationStatus.SEND_FAILURE, dispatch(x));
    assertEquals(403, x.status());
    assertTrue(RequestState.of(x.request).handled());
  }

  @Test
  void whenANoneRuleApplies_thenNothingIsDoneAndTheDecisionIsRecorded() throws Exception {
    FakeExchange x = new FakeExchange("GET", "/public/x", null, Set.of());
    assertEquals(AuthenticationStatus.NOT_DONE, dispatch(x));
    RequestState state = RequestState.of(x.request);
    assertEquals(Mechanism.NONE, state.mechanism());
    assertEquals(AccessPolicy.PERMIT, state.access());
    assertEquals(200, x.status());
  }

  @Test
  void whenTheLoginPageFallsUnderARuleThatNeedsACaller_thenItStaysOpen() throws Exception {
    FakeExchange x = new FakeExchange("GET", "/app/login", null, Set.of());
    assertEquals(AuthenticationStatus.NOT_DONE, dispatch(x));
    RequestState state = RequestState.of(x.request);
    assertEquals(Mechanism.SESSION, state.mechanism());
    assertEquals(AccessPolicy.PERMIT, state.access(), "the way in is open");
  }

  @Test
  void whenAStateCheckCannotBeMade_then503NotA401OrA500AndNothingGetsThrough() throws Exception {
    PathAuthMechanism outage =
        new PathAuthMechanism(
            PathMatcher.of(
                List.of(rule("api", "/api/*", Mechanism.JWT, AccessPolicy.PERMIT)), Mechanism.NONE),
            SESSION,
            null,
            new BearerAuthentication(
                "pathauth",
                new BearerVerification(
                    request -> java.util.Optional.of("a.b.c"),
                    token -> {
                      throw new StateUnavailableException(
                          "the shared cache pathauth.revoked cannot answer", null);
                    },
                    new TimestampCheck(0, java.util.OptionalLong.empty(), Clock.systemUTC()),
                    jwt -> false),
                () -> null,
                jwt -> false,
                new SecurityEvents()),
            false,
            "pathauth");
    FakeExchange x = new FakeExchange("GET", "/api/me", null, Set.of());
    assertEquals(
        AuthenticationStatus.SEND_FAILURE,
        outage.validateRequest(x.request, x.response, context()));
    assertEquals(503, x.status());
    assertEquals("5", x.header("Retry-After"));
    assertTrue(RequestState.of(x.request).handled(), "the application never runs");
  }
}
