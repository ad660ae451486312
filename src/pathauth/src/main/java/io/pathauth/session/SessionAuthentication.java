package io.pathauth.session;

import io.pathauth.config.SessionSettings;
import io.pathauth.http.ClientKind;
import io.pathauth.http.ContainerLogin;
import io.pathauth.http.Outcome;
import io.pathauth.http.Refusal;
import io.pathauth.http.RequestState;
import io.pathauth.http.SameOrigin;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.function.BiPredicate;

/**
 * The FORM + {@code HttpSession} contract on session paths: redirect to the login page and remember
 * the URL (in a cookie, {@link SavedUrl}: no session exists before the login), {@code POST
 * j_security_check} against the application's identity stores (or the server's registry), session
 * ID rotation at login, and authentication by the session cookie afterwards.
 *
 * <p>The identity is a session attribute; pathauth never asks the container to register its own SSO
 * session ({@code setRegisterSession}), because Liberty answers that with an {@code LtpaToken2}
 * cookie for path {@code /} that would also authenticate other paths.
 */
public final class SessionAuthentication {

  /** The last path segment that receives the login form. */
  public static final String LOGIN_ACTION = "/j_security_check";

  private final SessionSettings settings;
  private final PasswordLogin login;
  private final boolean registryUsers;
  private final Clock clock;
  private final BiPredicate<SessionIdentity, Instant> ended;

  /**
   * @param registryUsers whether passwords are checked by the server's registry, so that every
   *     session's caller is a registry user ({@code ContainerLogin})
   * @param ended tells whether a session login is over at a given time (absolute timeout, forced
   *     logout)
   */
  public SessionAuthentication(
      SessionSettings settings,
      PasswordLogin login,
      boolean registryUsers,
      Clock clock,
      BiPredicate<SessionIdentity, Instant> ended) {
    this.settings = settings;
    this.login = login;
    this.registryUsers = registryUsers;
    this.clock = clock;
    this.ended = ended;
  }

  /**
   * Authenticates a request on a session path.
   *
   * @param callerRequired whether the path's access policy requires a caller even where no
   *     constraint protects the resource (the mechanism never asks it for the login and error
   *     pages, {@link SessionSettings#isLoginPath})
   */
  public Outcome validate(
      String path, boolean callerRequired, HttpServletRequest request, HttpMessageContext ctx) {
    if ("POST".equals(request.getMethod())
        && (path.equals(settings.loginPage()) || path.endsWith(LOGIN_ACTION))) {
      return login(request, ctx);
    }
    HttpSession session = request.getSession(false);
    Object identity = session == null ? null : session.getAttribute(SessionIdentity.ATTRIBUTE);
    if (identity instanceof SessionIdentity id) {
      if (!ended.test(id, clock.instant())) {
        return Outcome.of(
            ContainerLogin.login(
                ctx,
                new CallerPrincipal(id.name()),
                id.groups(),
                ContainerLogin.containerKey(
                    request.getContextPath(),
                    "session:" + ContainerLogin.identityKey(id.name(), id.groups()),
                    registryUsers),
                registryUsers));
      }
      logout(request); // absolute timeout, or a forced logout on any node: this session is over
    }
    if (!ctx.isProtected() && !ctx.isAuthenticationRequest() && !callerRequired) {
      return Outcome.of(ctx.doNothing());
    }
    if (ClientKind.of(request) == ClientKind.SCRIPT) {
      return loginRequired(request);
    }
    if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
      String query = request.getQueryString();
      SavedUrl.remember(
          request, ctx.getResponse(), request.getRequestURI() + (query == null ? "" : "?" + query));
    }
    return redirect(request, ctx, request.getContextPath() + settings.loginPage());
  }

  private Outcome login(HttpServletRequest request, HttpMessageContext ctx) {
    if (!SameOrigin.allows(request)) {
      // login CSRF: another site must not log the browser in as someone else
      return Outcome.refused(new Refusal.Forbidden("Cross-site login refused"));
    }
    String username = request.getParameter("j_username");
    String password = request.getParameter("j_password");
    boolean complete =
        username != null && password != null && !username.isBlank() && !password.isEmpty();
    PasswordLogin.Outcome outcome;
    if (complete) {
      outcome = login.attempt(username, password, request, "form login");
    } else {
      login.incomplete(username, request);
      outcome = new PasswordLogin.Invalid();
    }
    if (outcome instanceof PasswordLogin.Unavailable) {
      return Outcome.refused(new Refusal.Unavailable());
    }
    if (!(outcome instanceof PasswordLogin.Valid valid)) {
      // wrong password, unknown user, throttled or incomplete: the same answer
      if (ClientKind.of(request) == ClientKind.SCRIPT) {
        return loginRequired(request);
      }
      return redirect(request, ctx, request.getContextPath() + settings.errorPage());
    }
    CredentialValidationResult result = valid.result();
    // A login always gets a new session ID and keeps no attribute: nothing planted in a fixated
    // session, nor a previous user's data, survives it. The session is emptied and its ID changed
    // (Servlet's changeSessionId) rather than invalidated and created
    // anew: on Liberty, under concurrent logins, a session created right after an invalidate was
    // occasionally reported invalid itself (IllegalStateException, seen in the session-heap run).
    String target =
        SavedUrl.take(request, ctx.getResponse()).filter(s -> isLocal(request, s)).orElse(null);
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        for (String name : Collections.list(session.getAttributeNames())) {
          session.removeAttribute(name);
        }
        request.changeSessionId();
      } catch (IllegalStateException invalidated) {
        session = null;
      }
    }
    if (session == null) {
      session = request.getSession(true);
    }
    session.setMaxInactiveInterval(
        (int) Math.min(Integer.MAX_VALUE, settings.idleTimeoutSeconds()));
    CsrfTokens.create(session);
    session.setAttribute(
        SessionIdentity.ATTRIBUTE,
        new SessionIdentity(
            result.getCallerPrincipal().getName(), result.getCallerGroups(), clock.millis()));
    return Outcome.of(
        ctx.redirect(target != null ? target : request.getContextPath() + settings.landingPage()));
  }

  private static Outcome redirect(
      HttpServletRequest request, HttpMessageContext ctx, String location) {
    RequestState.markHandled(request);
    return Outcome.of(ctx.redirect(location));
  }

  private Outcome loginRequired(HttpServletRequest request) {
    return Outcome.refused(
        new Refusal.LoginRequired(request.getContextPath() + settings.loginPage()));
  }

  /** Ends the session on the server (called from {@code HttpServletRequest.logout()}). */
  public void logout(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalid) {
        // nothing left to end
      }
    }
  }

  /** Only URLs inside this application (same origin, same context root) are redirect targets. */
  static boolean isLocal(HttpServletRequest request, String url) {
    String context = request.getContextPath() + "/";
    return url.startsWith(context)
        && !url.startsWith("//")
        && !url.contains("\\")
        && url.chars().noneMatch(c -> c < 0x21 || c == 0x7f);
  }
}
