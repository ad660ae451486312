package io.pathauth.demo.web;

import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A legacy page for admins only. */
@WebServlet("/app/admin")
@ServletSecurity(@HttpConstraint(rolesAllowed = "admin"))
public class AdminPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Page.write(
        response,
        "Admin",
        "<h1>Admin</h1><p>Signed in as <span id=\"user\">"
            + Page.esc(request.getUserPrincipal().getName())
            + "</span>.</p>");
  }
}
