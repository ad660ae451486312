package com.example.legacy.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The legacy application's start page, written the way servlet applications of the pre-MicroProfile
 * era are: protected by a {@code web.xml} security constraint, asking the container who the caller
 * is and which roles they have. pathauth changes nothing here.
 */
@WebServlet("/secure/home")
public class HomeServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/html;charset=UTF-8");
    String user = request.getUserPrincipal().getName();
    try (PrintWriter out = response.getWriter()) {
      out.println("<!DOCTYPE html><html lang=\"en\"><head><title>Legacy home</title></head><body>");
      out.println("<h1>Welcome, <span id=\"user\">" + Html.escape(user) + "</span></h1>");
      out.println("<p id=\"roles\">employee=" + request.isUserInRole("employee"));
      out.println(" manager=" + request.isUserInRole("manager") + "</p>");
      out.println("<p><a href=\"reports\">Reports</a> (managers only)</p>");
      out.println("<form method=\"post\" action=\"../logout\"><button>Log out</button></form>");
      out.println("</body></html>");
    }
  }
}
