package io.pathauth.http;

import jakarta.security.enterprise.AuthenticationStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What an authentication flow decided for a request: a status for the container (success, nothing
 * to do, a redirect already set on the context), or a {@link Refusal} for the mechanism to have
 * written. Deciding and writing stay apart.
 */
public final class Outcome {

  private final AuthenticationStatus status;
  private final Refusal refusal;

  private Outcome(AuthenticationStatus status, Refusal refusal) {
    this.status = status;
    this.refusal = refusal;
  }

  /** The container goes on with {@code status}. */
  public static Outcome of(AuthenticationStatus status) {
    return new Outcome(Objects.requireNonNull(status, "status"), null);
  }

  /** The request is refused; the container is told {@code SEND_FAILURE}. */
  public static Outcome refused(Refusal refusal) {
    return new Outcome(AuthenticationStatus.SEND_FAILURE, Objects.requireNonNull(refusal));
  }

  /** The status for the container. */
  public AuthenticationStatus status() {
    return status;
  }

  /** The refusal to write, if the request is refused. */
  public Optional<Refusal> refusal() {
    return Optional.ofNullable(refusal);
  }
}
