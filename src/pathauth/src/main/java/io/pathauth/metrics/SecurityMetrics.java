package io.pathauth.metrics;

import io.pathauth.audit.SecurityEvent;
import io.pathauth.audit.SecurityEvents;
import java.util.Locale;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Counts security events in MicroProfile Metrics (application scope), as {@code
 * pathauth_logins_total{outcome}}, {@code pathauth_tokens_issued_total}, {@code
 * pathauth_tokens_refreshed_total{outcome}}, {@code pathauth_tokens_revoked_total}, {@code
 * pathauth_forced_logouts_total}, {@code pathauth_logouts_total} and {@code
 * pathauth_verification_failures_total{reason}}. Only loaded when the server has MP Metrics.
 */
public final class SecurityMetrics implements SecurityEvents.Sink {

  private final MetricRegistry registry;

  public SecurityMetrics(MetricRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void record(SecurityEvent e) {
    String outcome = e.success() ? "success" : "failure";
    switch (e.type()) {
      case LOGIN -> count("pathauth.logins", "Form and password-grant logins", "outcome", outcome);
      case LOGOUT -> count("pathauth.logouts", "Session logouts", null, null);
      case TOKEN_ISSUED -> count("pathauth.tokens.issued", "Access tokens issued", null, null);
      case TOKEN_REFRESHED ->
          count("pathauth.tokens.refreshed", "Refresh-token grants", "outcome", outcome);
      case TOKEN_REVOKED -> count("pathauth.tokens.revoked", "Bearer logouts", null, null);
      case FORCED_LOGOUT -> count("pathauth.forced.logouts", "Admin forced logouts", null, null);
      case TOKEN_REJECTED ->
          count(
              "pathauth.verification.failures",
              "Presented bearer tokens refused, by reason",
              "reason",
              reason(e.reason()));
    }
  }

  private void count(String name, String description, String tag, String value) {
    Metadata metadata = Metadata.builder().withName(name).withDescription(description).build();
    if (tag == null) {
      registry.counter(metadata).inc();
    } else {
      registry.counter(metadata, new Tag(tag, value)).inc();
    }
  }

  /** A tag value from a client-safe description: lower case, words joined by underscores. */
  static String reason(String description) {
    String r =
        description
            .toLowerCase(Locale.ROOT)
            .replaceAll("^the token( is| has)? ", "")
            .replaceAll("[^a-z0-9]+", "_")
            .replaceAll("^_|_$", "");
    return r.isEmpty() ? "invalid" : r;
  }
}
