package io.pathauth.demo.web;

import io.pathauth.session.CsrfTokens;
import jakarta.servlet.annotation.HttpConstraint;
import jakarta.servlet.annotation.ServletSecurity;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A protected legacy page on the session path. */
@WebServlet("/app/home")
@ServletSecurity(@HttpConstraint(rolesAllowed = {"user", "admin"}))
public class HomePage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String name = request.getUserPrincipal().getName();
    Page.write(
        request,
        response,
        "Home",
        "<meta name=\"csrf-token\" content=\""
            + Page.esc(CsrfTokens.of(request.getSession(false)))
            + "\">"
            + "<h1>Hello, <span id=\"user\">"
            + Page.esc(name)
            + "</span></h1>"
            + "<p>Roles: <span id=\"roles\">"
            + (request.isUserInRole("user") ? "user " : "")
            + (request.isUserInRole("admin") ? "admin" : "")
            + "</span></p>"
            + "<p>This page was authenticated by your session cookie.</p>"
            + "<form method=\"post\" action=\"logout\">"
            + "<input type=\"hidden\" name=\"csrf_token\" value=\""
            + Page.esc(CsrfTokens.of(request.getSession(false)))
            + "\"><button type=\"submit\">Log out</button></form>");
  }
}
