package io.pathauth.demo.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The legacy login form. It posts back to its own URL, where pathauth's session mechanism handles
 * the login ({@code j_username}, {@code j_password}); see README, "Known server behaviour", for why
 * not to {@code j_security_check} on Liberty.
 */
@WebServlet("/app/login")
public class LoginPage extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String notice = "";
    if (request.getParameter("error") != null) {
      notice =
          "<p role=\"alert\" class=\"notice error\" id=\"login-error\">"
              + "Wrong user name or password, or too many attempts: try again in a while.</p>";
    } else if (request.getParameter("logout") != null) {
      notice =
          "<p role=\"status\" class=\"notice\" id=\"logged-out\">You have been logged out.</p>";
    }
    Page.write(
        request,
        response,
        "Log in",
        "<h1>Log in</h1>"
            + notice
            + "<form class=\"card\" method=\"post\" action=\"login\">"
            + "<label for=\"u\">User name</label>"
            + "<input id=\"u\" name=\"j_username\" autocomplete=\"username\" required>"
            + "<label for=\"p\">Password</label>"
            + "<input id=\"p\" name=\"j_password\" type=\"password\" "
            + "autocomplete=\"current-password\" required>"
            + "<button type=\"submit\">Log in</button></form>"
            + "<p class=\"hint\">Demo users: alice (user), bob (user, admin). After logging in you"
            + " go back to the page you asked for. <a href=\"../public/\">What is this?</a></p>");
  }
}
