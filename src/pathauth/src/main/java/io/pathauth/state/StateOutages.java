package io.pathauth.state;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Logs that pathauth's state cannot be read or written: the first failure at once, then at most one
 * line a minute with the number of failed requests since the last line. During an outage every
 * request may fail; one line each would bury the cause.
 */
public final class StateOutages {

  private static final Logger LOG = Logger.getLogger(StateOutages.class.getName());
  private static final long MINUTE_NANOS = 60_000_000_000L;

  private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - MINUTE_NANOS);
  private static final AtomicLong unlogged = new AtomicLong();

  private StateOutages() {}

  /** Reports {@code e}, which the caller answers with 503. */
  public static void report(StateUnavailableException e) {
    long now = System.nanoTime();
    long last = lastLogged.get();
    if (now - last >= MINUTE_NANOS && lastLogged.compareAndSet(last, now)) {
      long more = unlogged.getAndSet(0);
      LOG.log(
          Level.WARNING,
          "pathauth: answering 503: "
              + e.getMessage()
              + (more > 0 ? " (" + more + " more requests failed alike since the last line)" : ""),
          e);
    } else {
      unlogged.incrementAndGet();
    }
  }
}
