package io.pathauth.demo.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;

/** Minimal server-rendered HTML for the demo's pages. */
final class Page {

  private Page() {}

  /** HTML-escapes text for element content and quoted attributes. */
  static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** Writes a complete page; {@code body} must already be escaped. */
  static void write(
      HttpServletRequest request, HttpServletResponse response, String title, String body)
      throws IOException {
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
    PrintWriter out = response.getWriter();
    out.write(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>"
            + esc(title)
            + "</title><link rel=\"stylesheet\" href=\""
            + esc(request.getContextPath())
            + "/public/style.css\"></head><body><main>\n"
            + body
            + "\n</main></body></html>\n");
  }
}
