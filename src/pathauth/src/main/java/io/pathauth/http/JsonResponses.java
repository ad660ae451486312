package io.pathauth.http;

import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Writes the successful JSON answers of pathauth's endpoints (token responses, the admin API);
 * errors are {@link AuthenticationResponses}' job.
 */
public final class JsonResponses {

  private JsonResponses() {}

  /** {@code body} with {@code status}, never cached. */
  public static void write(HttpServletResponse response, int status, JsonObject body)
      throws IOException {
    response.setStatus(status);
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Pragma", "no-cache");
    response.setContentType("application/json");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body.toString());
  }
}
