package io.pathauth.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The one place that writes failures: status, {@code WWW-Authenticate} and a small JSON body, for
 * the bearer side (RFC 6750), the session side and the token endpoint (RFC 6749 §5.2). Both servers
 * answer alike because the response is written and committed here, before the container could add
 * an HTML error page.
 */
public final class AuthenticationResponses {

  public static final String WWW_AUTHENTICATE = "WWW-Authenticate";

  private AuthenticationResponses() {}

  /** Writes {@code refusal}: status, challenge and body, and marks the request answered. */
  public static void refuse(
      HttpServletRequest request, HttpServletResponse response, String realm, Refusal refusal)
      throws IOException {
    if (refusal instanceof Refusal.BearerChallenge b) {
      bearer(request, response, realm, b.error());
    } else if (refusal instanceof Refusal.LoginRequired l) {
      session(request, response, realm, l.loginPage());
    } else if (refusal instanceof Refusal.Forbidden f) {
      forbidden(request, response, f.description());
    } else if (refusal instanceof Refusal.Unavailable) {
      unavailable(request, response);
    } else {
      serverError(request, response);
    }
  }

  /** RFC 6750 §3 challenge for a jwt path. */
  private static void bearer(
      HttpServletRequest request,
      HttpServletResponse response,
      String realm,
      BearerTokenError error)
      throws IOException {
    StringBuilder challenge = new StringBuilder("Bearer realm=\"").append(realm).append('"');
    if (error.hasCode()) {
      challenge.append(", error=\"").append(error.code()).append('"');
      challenge.append(", error_description=\"").append(error.description()).append('"');
      if (error.scope() != null) {
        challenge.append(", scope=\"").append(error.scope()).append('"');
      }
    }
    write(
        request, response, error.status(), challenge.toString(), error.code(), error.description());
  }

  /**
   * 401 for a non-browser request to a protected session path. The scheme is not a registered one:
   * it tells the client to log in through the form at {@code loginPage} (RFC 7235 requires a
   * challenge on every 401).
   */
  private static void session(
      HttpServletRequest request, HttpServletResponse response, String realm, String loginPage)
      throws IOException {
    write(
        request,
        response,
        HttpServletResponse.SC_UNAUTHORIZED,
        "FormBased realm=\"" + realm + "\", login=\"" + loginPage + "\"",
        null,
        "Login required");
  }

  /**
   * Adds the RFC 6750 {@code insufficient_scope} challenge to a 403 that the application (for
   * example JAX-RS {@code @RolesAllowed}) sends to a caller authenticated by a bearer token.
   */
  public static void insufficientScope(HttpServletResponse response, String realm) {
    if (!response.isCommitted()) {
      response.setHeader(
          WWW_AUTHENTICATE,
          "Bearer realm=\""
              + realm
              + "\", error=\"insufficient_scope\", error_description=\"The caller lacks a required role\"");
    }
  }

  /** 403 without a challenge: a refused cross-site or CSRF-less state change. */
  private static void forbidden(
      HttpServletRequest request, HttpServletResponse response, String description)
      throws IOException {
    write(request, response, HttpServletResponse.SC_FORBIDDEN, null, "forbidden", description);
  }

  /** 503 without detail: an identity store, the registry or an IdP's key set cannot answer now. */
  private static void unavailable(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Retry-After", "5");
    write(
        request,
        response,
        HttpServletResponse.SC_SERVICE_UNAVAILABLE,
        null,
        "temporarily_unavailable",
        "Try again later");
  }

  /** 500 without detail: our configuration or keys are broken (the caller logs the cause). */
  private static void serverError(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    write(
        request,
        response,
        HttpServletResponse.SC_INTERNAL_SERVER_ERROR,
        null,
        null,
        "Internal error");
  }

  /**
   * An RFC 6749 §5.2 error of the token endpoint: {@code {"error":…,"error_description":…}} with
   * the error's status, never cached.
   */
  public static void oauth(HttpServletResponse response, OAuthError error) throws IOException {
    JsonResponses.write(
        response,
        error.status(),
        jakarta.json.Json.createObjectBuilder()
            .add("error", error.error())
            .add("error_description", error.description())
            .build());
  }

  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      int status,
      String challenge,
      String code,
      String description)
      throws IOException {
    RequestState.markHandled(request);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    if (challenge != null) {
      response.setHeader(WWW_AUTHENTICATE, challenge);
    }
    response.setHeader("Cache-Control", "no-store");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    PrintWriter out = response.getWriter();
    out.write("{\"status\":" + status);
    if (code != null) {
      out.write(",\"error\":\"" + code + "\"");
    }
    // description is RFC 6750 quotable ASCII (no quote or backslash), hence JSON-safe too
    out.write(",\"error_description\":\"" + description + "\"}");
    // closed, not only flushed: the answer is complete. Undertow (WildFly) otherwise sends its own
    // error page for a 4xx/5xx status after a failed authentication, and logs UT010019 when the
    // response is already committed.
    out.close();
  }
}
