package io.pathauth.session;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated sessions this node holds, by user, so an admin can list and end them. Sessions
 * on other nodes are ended by the user's "not before" time, which the session mechanism checks on
 * every request.
 */
public final class SessionRegistry
    implements HttpSessionListener, HttpSessionAttributeListener, HttpSessionIdListener {

  /** What an admin sees of a session: never the ID itself. */
  public record SessionInfo(String idHash, Instant created, Instant lastAccessed) {}

  private final Map<String, Map<String, HttpSession>> byUser = new ConcurrentHashMap<>();

  @Override
  public void attributeAdded(HttpSessionBindingEvent event) {
    track(event);
  }

  @Override
  public void attributeReplaced(HttpSessionBindingEvent event) {
    track(event);
  }

  @Override
  public void attributeRemoved(HttpSessionBindingEvent event) {
    if (SessionIdentity.ATTRIBUTE.equals(event.getName())
        && event.getValue() instanceof SessionIdentity id) {
      forget(id.name(), event.getSession().getId());
    }
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    String id = event.getSession().getId();
    byUser.values().forEach(m -> m.remove(id));
  }

  @Override
  public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
    HttpSession session = event.getSession();
    byUser
        .values()
        .forEach(
            m -> {
              if (m.remove(oldSessionId) != null) {
                m.put(session.getId(), session);
              }
            });
  }

  /** The user's sessions on this node. */
  public List<SessionInfo> sessions(String user) {
    List<SessionInfo> out = new ArrayList<>();
    for (HttpSession s : byUser.getOrDefault(user, Map.of()).values()) {
      try {
        out.add(
            new SessionInfo(
                hash(s.getId()),
                Instant.ofEpochMilli(s.getCreationTime()),
                Instant.ofEpochMilli(s.getLastAccessedTime())));
      } catch (IllegalStateException invalidated) {
        // ended meanwhile
      }
    }
    return out;
  }

  /** Ends the user's sessions on this node; returns how many were ended. */
  public int invalidate(String user) {
    Map<String, HttpSession> sessions = byUser.remove(user);
    int n = 0;
    if (sessions != null) {
      for (HttpSession s : sessions.values()) {
        try {
          s.invalidate();
          n++;
        } catch (IllegalStateException alreadyInvalid) {
          // ended meanwhile
        }
      }
    }
    return n;
  }

  private void track(HttpSessionBindingEvent event) {
    if (SessionIdentity.ATTRIBUTE.equals(event.getName())) {
      Object value = event.getSession().getAttribute(SessionIdentity.ATTRIBUTE);
      if (value instanceof SessionIdentity id) {
        HttpSession session = event.getSession();
        byUser
            .computeIfAbsent(id.name(), k -> new ConcurrentHashMap<>())
            .put(session.getId(), session);
      }
    }
  }

  private void forget(String user, String sessionId) {
    Map<String, HttpSession> m = byUser.get(user);
    if (m != null) {
      m.remove(sessionId);
    }
  }

  /** A short, non-reversible session reference for admins and logs. */
  static String hash(String sessionId) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
