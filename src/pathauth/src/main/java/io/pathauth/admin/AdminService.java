package io.pathauth.admin;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvent.Type;
import io.pathauth.audit.SecurityEvents;
import io.pathauth.issuer.RefreshToken;
import io.pathauth.issuer.SigningKeys;
import io.pathauth.issuer.TokenService;
import io.pathauth.session.SessionRegistry;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Optional;

/**
 * The administrator's operations, for the admin API ({@link AdminServlet}) and for an application's
 * own admin pages alike: a user's sessions and refresh tokens, a forced logout, a key rotation.
 */
public final class AdminService {

  private final TokenService tokens;
  private final SessionRegistry sessions;
  private final SigningKeys keys;
  private final SecurityEvents events;

  public AdminService(
      TokenService tokens, SessionRegistry sessions, SigningKeys keys, SecurityEvents events) {
    this.tokens = tokens;
    this.sessions = sessions;
    this.keys = keys;
    this.events = events;
  }

  /**
   * Ends every session and token of {@code user}: on this node its sessions are invalidated now; on
   * every node the user's "not before" time rejects older sessions and tokens.
   *
   * @param request the administrator's request, for the audit event
   * @return the number of sessions ended on this node
   */
  public int forceLogout(String user, HttpServletRequest request) {
    tokens.forceLogout(user);
    int ended = sessions.invalidate(user);
    Principal admin = request.getUserPrincipal();
    events.record(
        SecurityEvent.of(
            Type.FORCED_LOGOUT,
            true,
            user,
            request,
            "by:" + (admin == null ? "" : admin.getName())));
    return ended;
  }

  /** The user's sessions (hashed IDs) and refresh tokens, as the admin API shows them. */
  public JsonObject describe(String user) {
    JsonArrayBuilder s = Json.createArrayBuilder();
    for (SessionRegistry.SessionInfo i : sessions.sessions(user)) {
      s.add(
          Json.createObjectBuilder()
              .add("id", i.idHash())
              .add("created", i.created().toString())
              .add("lastAccessed", i.lastAccessed().toString()));
    }
    JsonArrayBuilder r = Json.createArrayBuilder();
    for (RefreshToken t : tokens.refreshTokens(user)) {
      r.add(
          Json.createObjectBuilder()
              .add("family", t.family())
              .add("issuedAt", t.issuedAt().toString())
              .add("expiresAt", t.expiresAt().toString()));
    }
    return Json.createObjectBuilder()
        .add("user", user)
        .add("sessions", s)
        .add("refreshTokens", r)
        .build();
  }

  /** A new signing key signs from now on; empty when the keys are configured, not generated. */
  public Optional<String> rotateKey() {
    return keys.rotatable() ? Optional.of(keys.rotate().kid()) : Optional.empty();
  }
}
