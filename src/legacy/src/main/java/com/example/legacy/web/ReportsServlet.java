package com.example.legacy.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * Managers only: {@code web.xml} constrains {@code /secure/reports} to the role {@code manager}.
 */
@WebServlet("/secure/reports")
public class ReportsServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/html;charset=UTF-8");
    try (PrintWriter out = response.getWriter()) {
      out.println("<!DOCTYPE html><html lang=\"en\"><head><title>Reports</title></head><body>");
      out.println("<h1>Quarterly reports</h1>");
      out.println(
          "<p id=\"viewer\">for " + Html.escape(request.getUserPrincipal().getName()) + "</p>");
      out.println("</body></html>");
    }
  }
}
