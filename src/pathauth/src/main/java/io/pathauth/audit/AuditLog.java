package io.pathauth.audit;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The audit log: one JSON object per security event, written at INFO to the logger {@code
 * io.pathauth.audit} (so through the server's own logging: Liberty's {@code messages.log}, Payara's
 * {@code server.log}). Fields: {@code event}, {@code outcome}, {@code user}, {@code address},
 * {@code rule}, {@code reason}, {@code time}. Never a password, a token or a session ID.
 *
 * <p>Successes are all written. Failures (wrong passwords, refused tokens, throttled logins) are
 * written up to {@code pathauth.audit.failures-per-minute} of each kind a minute; after that a line
 * {@code {"event":"suppressed","type":…,"count":…,"since":…}} says how many of a minute were left
 * out (see {@link FailureLineLimit}). The metrics count every one.
 */
public final class AuditLog implements SecurityEvents.Sink {

  public static final String LOGGER = "io.pathauth.audit";

  private static final Logger LOG = Logger.getLogger(LOGGER);

  /** The default of {@code pathauth.audit.failures-per-minute}. */
  public static final int DEFAULT_FAILURES_PER_MINUTE = 20;

  private final Clock clock;
  private final FailureLineLimit failures;

  public AuditLog(Clock clock) {
    this(clock, DEFAULT_FAILURES_PER_MINUTE);
  }

  /** An audit log writing at most {@code failuresPerMinute} failures of each kind a minute. */
  public AuditLog(Clock clock, int failuresPerMinute) {
    this.clock = clock;
    this.failures = new FailureLineLimit(failuresPerMinute, clock);
  }

  @Override
  public void record(SecurityEvent e) {
    if (!LOG.isLoggable(Level.INFO)) {
      return;
    }
    if (!e.success()) {
      FailureLineLimit.Admission admission = failures.admit(e.type());
      if (admission.leftOut() > 0) {
        LOG.info(suppressed(e.type(), admission.leftOut(), admission.leftOutSinceMillis()));
      }
      if (!admission.write()) {
        return;
      }
    }
    LOG.info(line(e));
  }

  private String line(SecurityEvent e) {
    return Json.createObjectBuilder()
        .add("event", e.type().name().toLowerCase(Locale.ROOT))
        .add("outcome", e.success() ? "success" : "failure")
        .add("user", e.user())
        .add("address", e.address())
        .add("rule", e.rule())
        .add("reason", e.reason())
        .add("time", clock.instant().toString())
        .build()
        .toString();
  }

  private String suppressed(SecurityEvent.Type type, long count, long sinceMillis) {
    JsonObject o =
        Json.createObjectBuilder()
            .add("event", "suppressed")
            .add("type", type.name().toLowerCase(Locale.ROOT))
            .add("count", count)
            .add("since", Instant.ofEpochMilli(sinceMillis).toString())
            .add("time", clock.instant().toString())
            .build();
    return o.toString();
  }
}
