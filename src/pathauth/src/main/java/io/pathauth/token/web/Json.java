package io.pathauth.token.web;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the JSON answers of pathauth's endpoints. */
final class Json {

  private Json() {}

  static void write(HttpServletResponse response, int status, JsonObject body) throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body.toString());
  }

  static void error(HttpServletResponse response, io.pathauth.token.OAuthError error)
      throws IOException {
    write(
        response,
        error.status(),
        jakarta.json.Json.createObjectBuilder()
            .add("error", error.error())
            .add("error_description", error.description())
            .build());
  }
}
