package io.pathauth.issuer.web;

import io.pathauth.issuer.SigningKeys;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /.well-known/jwks.json}: pathauth's public verification keys (RFC 7517). */
public final class JwksServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient SigningKeys keys;

  public JwksServlet(SigningKeys keys) {
    this.keys = keys;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setHeader("Cache-Control", "public, max-age=60");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(keys.jwks());
  }
}
