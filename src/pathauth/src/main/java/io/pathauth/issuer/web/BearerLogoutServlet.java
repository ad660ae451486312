package io.pathauth.issuer.web;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.http.AuthenticationResponses;
import io.pathauth.http.BearerTokenErrors;
import io.pathauth.http.Refusal;
import io.pathauth.issuer.TokenService;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code POST /auth/logout} with a bearer token (on a jwt path): revokes the token until it
 * expires, and its refresh family.
 */
public final class BearerLogoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient TokenService tokens;
  private final String realm;
  private final transient SecurityEvents events;

  public BearerLogoutServlet(TokenService tokens, String realm, SecurityEvents events) {
    this.tokens = tokens;
    this.realm = realm;
    this.events = events;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!(request.getUserPrincipal() instanceof JsonWebToken jwt)) {
      AuthenticationResponses.refuse(
          request, response, realm, new Refusal.BearerChallenge(BearerTokenErrors.missing()));
      return;
    }
    tokens.logout(jwt);
    events.record(SecurityEvent.of(Type.TOKEN_REVOKED, true, jwt.getName(), request, "logout"));
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
  }
}
