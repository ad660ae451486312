package io.pathauth.demo.web;

import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.session.CsrfTokens;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The legacy admin page (session path, role admin): look up a user's sessions and refresh tokens,
 * and force a logout, the same operations as the {@code /admin} API.
 */
@WebServlet("/app/admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class AdminPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Inject transient PathAuthExtension pathauth;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String user = request.getParameter("user");
    String details = "";
    if (user != null && !user.isBlank()) {
      details =
          "<pre id=\"details\">"
              + Page.esc(pathauth.runtime().admin().orElseThrow().describe(user).toString())
              + "</pre>";
    }
    render(request, response, details);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    if (!CsrfTokens.matches(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "Missing or wrong CSRF token");
      return;
    }
    String user = request.getParameter("user");
    if (user == null || user.isBlank()) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, "user is required");
      return;
    }
    int ended = pathauth.runtime().admin().orElseThrow().forceLogout(user, request);
    render(
        request,
        response,
        "<p role=\"status\" id=\"result\">"
            + Page.esc(user)
            + " was logged out everywhere ("
            + ended
            + " session(s) on this node ended).</p>");
  }

  private static void render(HttpServletRequest request, HttpServletResponse response, String extra)
      throws IOException {
    String csrf = Page.esc(CsrfTokens.of(request.getSession(false)));
    Page.write(
        request,
        response,
        "Admin",
        "<h1>Admin</h1><p>Signed in as <span id=\"user\">"
            + Page.esc(request.getUserPrincipal().getName())
            + "</span>.</p>"
            + "<form method=\"get\"><label for=\"q\">User</label> "
            + "<input id=\"q\" name=\"user\" required> <button>Show sessions and tokens</button>"
            + "</form>"
            + "<form method=\"post\"><input type=\"hidden\" name=\"csrf_token\" value=\""
            + csrf
            + "\"><label for=\"f\">User</label> <input id=\"f\" name=\"user\" required> "
            + "<button>Force logout</button></form>"
            + extra);
  }
}
