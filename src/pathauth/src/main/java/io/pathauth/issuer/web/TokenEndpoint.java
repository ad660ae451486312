package io.pathauth.issuer.web;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.JsonResponses;
import io.pathauth.http.OAuthError;
import io.pathauth.issuer.TokenGrantException;
import io.pathauth.issuer.TokenResponse;
import io.pathauth.issuer.TokenService;
import io.pathauth.session.CsrfTokens;
import io.pathauth.session.PasswordLogin;
import io.pathauth.session.SessionIdentity;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * {@code POST /auth/token} (RFC 6749 §3.2): the {@code password} grant (checked by the same
 * identity stores as the form login), the {@code refresh_token} grant, and the {@code session}
 * grant that turns a form-login session into a short-lived access token for a script on the same
 * site (session cookie plus the session's CSRF token in {@code X-CSRF-Token}).
 */
public final class TokenEndpoint extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient TokenService tokens;
  private final transient PasswordLogin login;
  private final transient Predicate<SessionIdentity> sessionEnded;
  private final transient SecurityEvents events;

  /**
   * @param sessionEnded tells whether a session login is over now (absolute timeout, forced logout;
   *     by the runtime's clock), for the session grant
   */
  public TokenEndpoint(
      TokenService tokens,
      PasswordLogin login,
      Predicate<SessionIdentity> sessionEnded,
      SecurityEvents events) {
    this.tokens = tokens;
    this.login = login;
    this.sessionEnded = sessionEnded;
    this.events = events;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      String contentType = request.getContentType();
      if (contentType == null
          || !contentType
              .toLowerCase(Locale.ROOT)
              .startsWith("application/x-www-form-urlencoded")) {
        throw grant(OAuthError.invalidRequest("Use application/x-www-form-urlencoded"));
      }
      String grantType = single(request, "grant_type");
      if (grantType == null) {
        throw grant(OAuthError.invalidRequest("grant_type is required"));
      }
      TokenResponse answer =
          switch (grantType) {
            case "password" -> password(request, response);
            case "refresh_token" -> refresh(request);
            case "session" -> session(request);
            default -> throw grant(OAuthError.unsupportedGrantType("Unsupported grant_type"));
          };
      if (!grantType.equals("refresh_token")) {
        events.record(SecurityEvent.of(Type.TOKEN_ISSUED, true, answer.user(), request, grantType));
      }
      JsonObjectBuilder body =
          jakarta.json.Json.createObjectBuilder()
              .add("access_token", answer.accessToken())
              .add("token_type", "Bearer")
              .add("expires_in", answer.expiresIn());
      if (answer.refreshToken() != null) {
        body.add("refresh_token", answer.refreshToken());
      }
      JsonResponses.write(response, HttpServletResponse.SC_OK, body.build());
    } catch (TokenGrantException e) {
      AuthenticationResponses.oauth(response, e.error());
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Allow", "POST");
    AuthenticationResponses.oauth(response, new OAuthError(405, "invalid_request", "Use POST"));
  }

  private TokenResponse password(HttpServletRequest request, HttpServletResponse response) {
    String username = required(request, "username");
    String password = required(request, "password");
    PasswordLogin.Outcome outcome = login.attempt(username, password, request, "password grant");
    if (outcome instanceof PasswordLogin.Valid v) {
      return tokens.issue(
          v.result().getCallerPrincipal().getName(), v.result().getCallerGroups(), true);
    }
    if (outcome instanceof PasswordLogin.Throttled t) {
      response.setHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
      throw grant(OAuthError.throttled());
    }
    if (outcome instanceof PasswordLogin.Unavailable) {
      response.setHeader("Retry-After", "5");
      throw grant(OAuthError.unavailable());
    }
    throw grant(OAuthError.invalidGrant("Invalid user name or password"));
  }

  private TokenResponse refresh(HttpServletRequest request) {
    try {
      TokenResponse answer = tokens.refresh(required(request, "refresh_token"));
      events.record(SecurityEvent.of(Type.TOKEN_REFRESHED, true, answer.user(), request, ""));
      return answer;
    } catch (TokenGrantException e) {
      events.record(SecurityEvent.of(Type.TOKEN_REFRESHED, false, "", request, e.error().error()));
      throw e;
    }
  }

  private TokenResponse session(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Object identity = session == null ? null : session.getAttribute(SessionIdentity.ATTRIBUTE);
    if (!(identity instanceof SessionIdentity id)) {
      throw grant(OAuthError.invalidGrant("No authenticated session"));
    }
    if (sessionEnded.test(id)) {
      session.invalidate();
      throw grant(OAuthError.invalidGrant("No authenticated session"));
    }
    if (!CsrfTokens.matches(request)) {
      throw grant(OAuthError.csrf());
    }
    return tokens.issue(id.name(), id.groups(), false);
  }

  /** A parameter that must appear exactly once (RFC 6749 §3.2). */
  private static String required(HttpServletRequest request, String name) {
    String value = single(request, name);
    if (value == null || value.isEmpty()) {
      throw grant(OAuthError.invalidRequest(name + " is required"));
    }
    return value;
  }

  private static String single(HttpServletRequest request, String name) {
    String[] values = request.getParameterValues(name);
    if (values == null) {
      return null;
    }
    if (values.length > 1) {
      throw grant(OAuthError.invalidRequest(name + " must not be repeated"));
    }
    return values[0];
  }

  private static TokenGrantException grant(OAuthError error) {
    return new TokenGrantException(error);
  }
}
