package io.pathauth.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Where security events go: the audit log always, and metrics when the server has MicroProfile
 * Metrics. Sinks are added at start-up; recording never throws into the request that caused it.
 */
public final class SecurityEvents {

  /** One destination of events. */
  public interface Sink {
    void record(SecurityEvent event);
  }

  private final List<Sink> sinks = new CopyOnWriteArrayList<>();

  public SecurityEvents(Sink... sinks) {
    this.sinks.addAll(List.of(sinks));
  }

  public void add(Sink sink) {
    sinks.add(sink);
  }

  public void record(SecurityEvent event) {
    for (Sink sink : sinks) {
      try {
        sink.record(event);
      } catch (RuntimeException e) {
        java.util.logging.Logger.getLogger(SecurityEvents.class.getName())
            .log(java.util.logging.Level.WARNING, "pathauth: a security event sink failed", e);
      }
    }
  }
}
