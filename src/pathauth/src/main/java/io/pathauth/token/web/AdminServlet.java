package io.pathauth.token.web;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.cdi.PathAuthRuntime;
import io.pathauth.session.SessionRegistry;
import io.pathauth.token.RefreshToken;
import io.pathauth.token.SigningKeys;
import io.pathauth.token.TokenService;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

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

  private final transient TokenService tokens;
  private final transient SessionRegistry sessions;
  private final transient SigningKeys keys;
  private final transient PathAuthRuntime runtime;

  public AdminServlet(PathAuthRuntime runtime) {
    this.runtime = runtime;
    this.tokens = runtime.tokens().orElseThrow();
    this.sessions = runtime.sessions();
    this.keys = runtime.keys().orElseThrow();
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] p = parts(request);
    if (p.length == 2 && p[0].equals("users")) {
      Json.write(response, 200, describe(p[1]));
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String[] p = parts(request);
    if (p.length == 3 && p[0].equals("users") && p[2].equals("logout")) {
      int ended = forceLogout(runtime, request, p[1]);
      Json.write(
          response,
          200,
          jakarta.json.Json.createObjectBuilder()
              .add("user", p[1])
              .add("sessionsEnded", ended)
              .build());
    } else if (p.length == 2 && p[0].equals("keys") && p[1].equals("rotate")) {
      if (!keys.rotatable()) {
        response.sendError(HttpServletResponse.SC_CONFLICT, "Configured keys are not rotated here");
        return;
      }
      Json.write(
          response,
          200,
          jakarta.json.Json.createObjectBuilder().add("kid", keys.rotate().kid()).build());
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  /**
   * Ends every session and token of {@code user}: on this node its sessions are invalidated now; on
   * every node the user's "not before" time rejects older sessions and tokens.
   */
  public static int forceLogout(PathAuthRuntime runtime, HttpServletRequest request, String user) {
    runtime.tokens().orElseThrow().forceLogout(user);
    int ended = runtime.sessions().invalidate(user);
    java.security.Principal admin = request.getUserPrincipal();
    runtime
        .events()
        .record(
            SecurityEvent.of(
                Type.FORCED_LOGOUT,
                true,
                user,
                request,
                "by:" + (admin == null ? "" : admin.getName())));
    return ended;
  }

  /** The user's sessions and refresh tokens, as the admin API shows them. */
  public static JsonObject describe(TokenService tokens, SessionRegistry sessions, String user) {
    JsonArrayBuilder s = jakarta.json.Json.createArrayBuilder();
    for (SessionRegistry.SessionInfo i : sessions.sessions(user)) {
      s.add(
          jakarta.json.Json.createObjectBuilder()
              .add("id", i.idHash())
              .add("created", i.created().toString())
              .add("lastAccessed", i.lastAccessed().toString()));
    }
    JsonArrayBuilder r = jakarta.json.Json.createArrayBuilder();
    for (RefreshToken t : tokens.refreshTokens(user)) {
      r.add(
          jakarta.json.Json.createObjectBuilder()
              .add("family", t.family())
              .add("issuedAt", t.issuedAt().toString())
              .add("expiresAt", t.expiresAt().toString()));
    }
    return jakarta.json.Json.createObjectBuilder()
        .add("user", user)
        .add("sessions", s)
        .add("refreshTokens", r)
        .build();
  }

  private JsonObject describe(String user) {
    return describe(tokens, sessions, user);
  }

  private static String[] parts(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.length() < 2) {
      return new String[0];
    }
    return info.substring(1).split("/"); // getPathInfo() is already decoded
  }
}
