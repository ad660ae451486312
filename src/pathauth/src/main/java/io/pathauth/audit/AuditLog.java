package io.pathauth.audit;

import jakarta.json.Json;
import java.time.Clock;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit log: one JSON object per security event, written at INFO to the logger {@code
 * io.pathauth.audit} (so through the server's own logging: Liberty's {@code messages.log}, Payara's
 * {@code server.log}). Fields: {@code event}, {@code outcome}, {@code user}, {@code address},
 * {@code rule}, {@code reason}, {@code time}. Never a password, a token or a session ID.
 */
public final class AuditLog implements SecurityEvents.Sink {

  public static final String LOGGER = "io.pathauth.audit";

  private static final Logger LOG = Logger.getLogger(LOGGER);

  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void record(SecurityEvent e) {
    // Refused tokens are counted (metrics), and logged only at FINE: anyone can send garbage, and
    // the audit log must not become a way to flood the server's log.
    Level level = e.type() == SecurityEvent.Type.TOKEN_REJECTED ? Level.FINE : Level.INFO;
    if (!LOG.isLoggable(level)) {
      return;
    }
    LOG.log(
        level,
        Json.createObjectBuilder()
            .add("event", e.type().name().toLowerCase(Locale.ROOT))
            .add("outcome", e.success() ? "success" : "failure")
            .add("user", e.user())
            .add("address", e.address())
            .add("rule", e.rule())
            .add("reason", e.reason())
            .add("time", clock.instant().toString())
            .build()
            .toString());
  }
}
