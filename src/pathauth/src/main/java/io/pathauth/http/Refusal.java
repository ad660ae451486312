package io.pathauth.http;

import java.util.Objects;

/**
 * What pathauth refuses a request with, as a value: the mechanisms, the filter and the endpoints
 * say which refusal applies, and {@link AuthenticationResponses} alone turns it into a status, a
 * {@code WWW-Authenticate} challenge and a body.
 */
public sealed interface Refusal {

  /** RFC 6750: 401 (no or a bad token), 400 (a malformed request) or 403 (a missing role). */
  record BearerChallenge(BearerTokenError error) implements Refusal {
    public BearerChallenge {
      Objects.requireNonNull(error, "error");
    }
  }

  /**
   * 401 with a {@code FormBased} challenge naming the login page, for a script on a session path.
   */
  record LoginRequired(String loginPage) implements Refusal {
    public LoginRequired {
      Objects.requireNonNull(loginPage, "loginPage");
    }
  }

  /** 403 without a challenge: no credential would change the answer. */
  record Forbidden(String description) implements Refusal {
    public Forbidden {
      Objects.requireNonNull(description, "description");
    }
  }

  /** 503 with {@code Retry-After}: the identity store or registry cannot answer now. */
  record Unavailable() implements Refusal {}

  /** 500 without detail: our keys or configuration are broken (the caller logs why). */
  record ServerError() implements Refusal {}
}
