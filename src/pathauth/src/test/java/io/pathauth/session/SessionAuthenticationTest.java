package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.config.SessionSettings;
import io.pathauth.http.Outcome;
import io.pathauth.http.Refusal;
import io.pathauth.http.RequestState;
import io.pathauth.identity.IdentityUnavailableException;
import io.pathauth.support.FakeRequests;
import io.pathauth.support.TestSettings;
import io.pathauth.testing.MutableClock;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FORM + session flow's decisions, without a server: each answer is a typed outcome (a status
 * for the container or a refusal for the writer), and what it does to the session.
 */
class SessionAuthenticationTest {

  private static final SessionSettings SETTINGS = TestSettings.session();

  private final MutableClock clock = new MutableClock();
  private final List<SecurityEvent> audit = new ArrayList<>();
  private final Set<String> endedUsers = new java.util.HashSet<>();
  private String passwordAnswer = "valid"; // valid | invalid | unavailable

  private final SessionAuthentication flow =
      new SessionAuthentication(
          SETTINGS,
          new PasswordLogin(
              (user, password, request) ->
                  switch (passwordAnswer) {
                    case "valid" ->
                        "alice".equals(user) && "right".equals(password)
                            ? new CredentialValidationResult(
                                new CallerPrincipal("alice"), Set.of("user", "staff"))
                            : CredentialValidationResult.INVALID_RESULT;
                    case "unavailable" ->
                        throw new IdentityUnavailableException(
                            "directory down", new java.io.IOException("down"));
                    default -> CredentialValidationResult.INVALID_RESULT;
                  },
              new LocalLoginThrottle(5, 50, 900, clock),
              new SecurityEvents(audit::add)),
          false,
          clock,
          (identity, now) -> endedUsers.contains(identity.name()));

  /** One browser exchange: a request with headers, parameters and a session that can change. */
  private static final class Browser {
    final Map<String, String> headers = new HashMap<>();
    final Map<String, String> parameters = new HashMap<>();
    final Map<String, Object> requestAttributes = new HashMap<>();
    final Map<String, Cookie> cookies = new HashMap<>(); // the browser's cookie jar
    Map<String, Object> session; // null: no session
    String sessionId;
    boolean invalidated;
    String method = "GET";
    String path = "/app/orders";
    String query;
    int ids;

    Browser withSession() {
      session = new HashMap<>();
      sessionId = "id" + ids++;
      return this;
    }

    HttpSession session() {
      if (session == null) {
        return null;
      }
      return (HttpSession)
          Proxy.newProxyInstance(
              HttpSession.class.getClassLoader(),
              new Class<?>[] {HttpSession.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "getAttribute" -> live().get((String) args[0]);
                    case "setAttribute" -> live().put((String) args[0], args[1]);
                    case "removeAttribute" -> live().remove((String) args[0]);
                    case "getAttributeNames" ->
                        Collections.enumeration(new ArrayList<>(live().keySet()));
                    case "setMaxInactiveInterval" -> null;
                    case "invalidate" -> {
                      live();
                      invalidated = true;
                      session = null;
                      yield null;
                    }
                    default -> throw new UnsupportedOperationException("session." + m.getName());
                  });
    }

    private Map<String, Object> live() {
      if (session == null) {
        throw new IllegalStateException("invalidated");
      }
      return session;
    }

    HttpServletRequest request() {
      return (HttpServletRequest)
          Proxy.newProxyInstance(
              HttpServletRequest.class.getClassLoader(),
              new Class<?>[] {HttpServletRequest.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getContextPath" -> "/ctx";
                    case "getRequestURI" -> "/ctx" + path;
                    case "getQueryString" -> query;
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getParameter" -> parameters.get((String) args[0]);
                    case "getRemoteAddr" -> "127.0.0.1";
                    case "isSecure" -> true;
                    case "getCookies" ->
                        cookies.isEmpty() ? null : cookies.values().toArray(new Cookie[0]);
                    case "getAttribute" -> requestAttributes.get((String) args[0]);
                    case "setAttribute" -> requestAttributes.put((String) args[0], args[1]);
                    case "getSession" -> {
                      if (session == null && args != null && (Boolean) args[0]) {
                        withSession();
                      }
                      yield session();
                    }
                    case "changeSessionId" -> {
                      sessionId = "id" + ids++;
                      yield sessionId;
                    }
                    default -> throw new UnsupportedOperationException("request." + m.getName());
                  });
    }

    /** The response's side: cookies the server sets land in the jar (max-age 0 removes one). */
    HttpServletResponse response() {
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              HttpServletResponse.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, m, args) -> {
                if (!m.getName().equals("addCookie")) {
                  throw new UnsupportedOperationException("response." + m.getName());
                }
                Cookie c = (Cookie) args[0];
                if (c.getMaxAge() == 0) {
                  cookies.remove(c.getName());
                } else {
                  cookies.put(c.getName(), c);
                }
                return null;
              });
    }
  }

  /** The container's side: whether the resource is protected, and what the flow asked of it. */
  private static final class Container {
    private final Browser browser;
    boolean protectedResource;
    String redirect;
    String login;

    Container(Browser browser) {
      this.browser = browser;
    }

    HttpMessageContext context() {
      return (HttpMessageContext)
          Proxy.newProxyInstance(
              HttpMessageContext.class.getClassLoader(),
              new Class<?>[] {HttpMessageContext.class},
              (proxy, m, args) ->
                  switch (m.getName()) {
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "isProtected" -> protectedResource;
                    case "isAuthenticationRequest" -> false;
                    case "redirect" -> {
                      redirect = (String) args[0];
                      yield AuthenticationStatus.SEND_CONTINUE;
                    }
                    case "notifyContainerAboutLogin" -> {
                      login =
                          ((Principal) args[0]).getName() + " " + new TreeSet<>((Set<?>) args[1]);
                      yield AuthenticationStatus.SUCCESS;
                    }
                    case "getClientSubject" -> null;
                    case "getResponse" -> browser.response();
                    default -> throw new UnsupportedOperationException(m.getName());
                  });
    }
  }

  private final Browser browser = new Browser();
  private final Container container = new Container(browser);

  private Outcome validate(boolean callerRequired) {
    return flow.validate(browser.path, callerRequired, browser.request(), container.context());
  }

  private Outcome postLogin(String user, String password) {
    browser.method = "POST";
    browser.path = "/app/login";
    browser.headers.put("Origin", "https://shop.example");
    browser.headers.put("Host", "shop.example");
    browser.parameters.put("j_username", user);
    browser.parameters.put("j_password", password);
    return validate(false);
  }

  @Test
  void whenABrowserWithoutSessionAsksForAProtectedPage_thenItIsSentToLogInAndThePageIsRemembered() {
    container.protectedResource = true;
    browser.query = "id=7";
    Outcome outcome = validate(false);
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
    assertTrue(outcome.refusal().isEmpty());
    assertEquals("/ctx/app/login", container.redirect);
    Cookie saved = browser.cookies.get(SavedUrl.COOKIE);
    assertNotNull(saved, "the page is remembered in a cookie");
    assertEquals("/ctx", saved.getPath());
    assertTrue(saved.isHttpOnly() && saved.getSecure());
    assertEquals("Lax", saved.getAttribute("SameSite"));
    assertNull(
        browser.session, "no session before the login: an anonymous request costs no memory");
    assertTrue(RequestState.of(browser.request()).handled(), "nothing else may answer");
  }

  @Test
  void whenAScriptWithoutSessionAsks_thenLoginRequiredIsRefusedWithoutARedirect() {
    container.protectedResource = true;
    browser.headers.put("Accept", "application/json");
    Outcome outcome = validate(false);
    Refusal.LoginRequired refusal =
        assertInstanceOf(Refusal.LoginRequired.class, outcome.refusal().orElseThrow());
    assertEquals("/ctx/app/login", refusal.loginPage());
    assertNull(container.redirect);
    assertNull(browser.session, "no session is created for a script");
  }

  @Test
  void whenNothingProtectsThePageAndThePolicyNeedsNoCaller_thenNothingIsDone() {
    assertEquals(AuthenticationStatus.NOT_DONE, validate(false).status());
    assertNull(container.redirect);
  }

  @Test
  void whenThePolicyNeedsACallerOnAnUnprotectedPage_thenTheBrowserIsSentToLogIn() {
    Outcome outcome = validate(true);
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
    assertEquals("/ctx/app/login", container.redirect);
  }

  @Test
  void whenTheLoginSucceeds_thenTheSessionIdChangesNothingPlantedSurvivesAndTheSavedPageOpens() {
    browser.withSession();
    String before = browser.sessionId;
    browser.session.put("planted", "by an attacker");
    container.protectedResource = true;
    browser.query = "id=7";
    validate(false); // the protected page, remembered
    container.protectedResource = false;
    Outcome outcome = postLogin("alice", "right");
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
    assertEquals("/ctx/app/orders?id=7", container.redirect);
    assertNotEquals(before, browser.sessionId, "session ID rotated at login");
    assertFalse(browser.session.containsKey("planted"));
    SessionIdentity id =
        assertInstanceOf(SessionIdentity.class, browser.session.get(SessionIdentity.ATTRIBUTE));
    assertEquals("alice", id.name());
    assertEquals(Set.of("user", "staff"), id.groups());
    assertEquals(clock.millis(), id.authenticatedAtMillis());
    assertNotNull(browser.session.get(CsrfTokens.ATTRIBUTE), "a CSRF token for the new session");
    assertFalse(browser.cookies.containsKey(SavedUrl.COOKIE), "the remembered page is used once");
    assertTrue(audit.get(audit.size() - 1).success());
  }

  @Test
  void whenTheSavedPageIsNotOfThisApplication_thenTheLoginLandsOnTheLandingPage() {
    Cookie planted =
        new Cookie(
            SavedUrl.COOKIE,
            java.util.Base64.getUrlEncoder()
                .encodeToString("//evil.example/ctx/steal".getBytes(StandardCharsets.UTF_8)));
    browser.cookies.put(SavedUrl.COOKIE, planted);
    postLogin("alice", "right");
    assertEquals("/ctx/app/home", container.redirect);
  }

  @Test
  void whenThePasswordIsWrong_thenTheBrowserGoesToTheErrorPageWithoutAnIdentity() {
    Outcome outcome = postLogin("alice", "wrong");
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
    assertEquals("/ctx/app/login?error=true", container.redirect);
    assertTrue(browser.session == null || !browser.session.containsKey(SessionIdentity.ATTRIBUTE));
    assertFalse(audit.get(audit.size() - 1).success());
  }

  @Test
  void whenAFieldIsMissing_thenItIsTheSameAnswerAsAWrongPassword() {
    Outcome outcome = postLogin("alice", "");
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
    assertEquals("/ctx/app/login?error=true", container.redirect);
  }

  @Test
  void whenTheIdentityStoreCannotAnswer_thenUnavailableNotAFailedLogin() {
    passwordAnswer = "unavailable";
    Outcome outcome = postLogin("alice", "right");
    assertInstanceOf(Refusal.Unavailable.class, outcome.refusal().orElseThrow());
    assertNull(container.redirect);
  }

  @Test
  void whenTheLoginPostComesFromAnotherSite_thenItIsForbiddenBeforeAnyPasswordCheck() {
    browser.headers.put("Sec-Fetch-Site", "cross-site");
    passwordAnswer = "unavailable"; // would show as Unavailable if the password were checked
    Outcome outcome = postLogin("alice", "right");
    assertInstanceOf(Refusal.Forbidden.class, outcome.refusal().orElseThrow());
    assertTrue(audit.isEmpty());
  }

  @Test
  void whenTheSessionHoldsAnIdentity_thenTheContainerIsToldTheCallerAndGroups() {
    browser.withSession();
    browser.session.put(
        SessionIdentity.ATTRIBUTE, new SessionIdentity("alice", Set.of("user"), clock.millis()));
    container.protectedResource = true;
    assertEquals(AuthenticationStatus.SUCCESS, validate(true).status());
    assertEquals("alice [user]", container.login);
  }

  @Test
  void whenTheSessionLoginIsOver_thenTheSessionEndsAndTheBrowserLogsInAgain() {
    browser.withSession();
    browser.session.put(
        SessionIdentity.ATTRIBUTE, new SessionIdentity("alice", Set.of("user"), clock.millis()));
    endedUsers.add("alice"); // absolute timeout or forced logout, as the runtime tells
    clock.advance(Duration.ofMinutes(1));
    container.protectedResource = true;
    Outcome outcome = validate(false);
    assertTrue(browser.invalidated);
    assertNull(container.login);
    assertEquals("/ctx/app/login", container.redirect);
    assertEquals(AuthenticationStatus.SEND_CONTINUE, outcome.status());
  }

  private static final HttpServletRequest CONTEXT_ONLY =
      FakeRequests.of(Map.of("getContextPath", "/pathauth"));

  @ParameterizedTest
  @ValueSource(strings = {"/pathauth/app/home", "/pathauth/app/home?tab=1", "/pathauth/"})
  void whenRememberedUrlIsInsideTheApplication_thenItIsARedirectTarget(String url) {
    assertTrue(SessionAuthentication.isLocal(CONTEXT_ONLY, url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example/pathauth/",
        "https://evil.example/pathauth/",
        "/pathauthx/app",
        "/other/app",
        "/pathauth",
        "/pathauth/\\evil",
        "/pathauth/a\r\nSet-Cookie: x=1",
        "/pathauth/a b"
      })
  void whenRememberedUrlLeavesTheApplication_thenItIsRefused(String url) {
    assertFalse(SessionAuthentication.isLocal(CONTEXT_ONLY, url));
  }
}
