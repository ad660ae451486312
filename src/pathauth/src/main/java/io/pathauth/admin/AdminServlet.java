package io.pathauth.admin;

import io.pathauth.http.JsonResponses;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The admin API under {@code pathauth.admin.path} (role {@code pathauth.admin.role} only, enforced
 * by the container):
 *
 * <ul>
 *   <li>{@code GET /users/{user}}: the user's sessions (hashed IDs) and outstanding refresh tokens;
 *   <li>{@code POST /users/{user}/logout}: forced logout, every session and token of the user;
 *   <li>{@code POST /keys/rotate}: a new signing key.
 * </ul>
 */
public final class AdminServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient AdminService admin;

  public AdminServlet(AdminService admin) {
    this.admin = admin;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] p = parts(request);
    if (p.length == 2 && p[0].equals("users")) {
      JsonResponses.write(response, 200, admin.describe(p[1]));
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] p = parts(request);
    if (p.length == 3 && p[0].equals("users") && p[2].equals("logout")) {
      int ended = admin.forceLogout(p[1], request);
      JsonResponses.write(
          response,
          200,
          jakarta.json.Json.createObjectBuilder()
              .add("user", p[1])
              .add("sessionsEnded", ended)
              .build());
    } else if (p.length == 2 && p[0].equals("keys") && p[1].equals("rotate")) {
      Optional<String> kid = admin.rotateKey();
      if (kid.isEmpty()) {
        response.sendError(HttpServletResponse.SC_CONFLICT, "Configured keys are not rotated here");
        return;
      }
      JsonResponses.write(
          response, 200, jakarta.json.Json.createObjectBuilder().add("kid", kid.get()).build());
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  private static String[] parts(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.length() < 2) {
      return new String[0];
    }
    return info.substring(1).split("/"); // getPathInfo() is already decoded
  }
}
