package io.pathauth.session;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.http.ClientKind;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends the caller's session on the server: {@code HttpServletRequest.logout()} and session
 * invalidation. POST only, so a link or an image on another site cannot log the user out.
 */
public final class LogoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final String redirect;
  private final transient SecurityEvents events;

  /**
   * @param redirect where browsers go afterwards (an application-relative path)
   */
  public LogoutServlet(String redirect, SecurityEvents events) {
    this.redirect = redirect;
    this.events = events;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    Object identity = session == null ? null : sessionIdentity(session);
    request.logout();
    session = request.getSession(false);
    if (session != null) {
      try {
        session.invalidate();
      } catch (IllegalStateException alreadyInvalid) {
        // logout() already ended it
      }
    }
    if (identity instanceof SessionIdentity id) {
      events.record(SecurityEvent.of(Type.LOGOUT, true, id.name(), request, ""));
    }
    response.setHeader("Cache-Control", "no-store");
    if (ClientKind.of(request) == ClientKind.SCRIPT) {
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    } else {
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", request.getContextPath() + redirect);
    }
  }

  private static Object sessionIdentity(HttpSession session) {
    try {
      return session.getAttribute(SessionIdentity.ATTRIBUTE);
    } catch (IllegalStateException invalidated) {
      return null;
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Allow", "POST");
    response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED, "Use POST to log out");
  }
}
