package io.pathauth.http;

import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import jakarta.servlet.ServletRequest;

/**
 * What pathauth decided about one request, kept in one typed request attribute: the path rule's
 * mechanism and access policy (set once, by the mechanism), whether that mechanism authenticated
 * the caller, and whether pathauth has already answered. The mechanism writes it, the filter and
 * logout read it; nothing matches the path twice.
 */
public final class RequestState {

  private static final String ATTRIBUTE = RequestState.class.getName();

  private static final RequestState UNDECIDED =
      new RequestState(Mechanism.NONE, AccessPolicy.PERMIT);

  private final Mechanism mechanism;
  private final AccessPolicy access;
  private boolean authenticated;
  private boolean handled;

  private RequestState(Mechanism mechanism, AccessPolicy access) {
    this.mechanism = mechanism;
    this.access = access;
  }

  /**
   * Records the path rule's decision for {@code request}, by the mechanism. A container that asks
   * the mechanism again for the same request (a programmatic {@code authenticate()}) gets the same
   * decision; what was already recorded, an answer or an authentication, stays.
   */
  public static RequestState decide(
      ServletRequest request, Mechanism mechanism, AccessPolicy access) {
    RequestState state = new RequestState(mechanism, access);
    if (request.getAttribute(ATTRIBUTE) instanceof RequestState before) {
      state.authenticated = before.authenticated;
      state.handled = before.handled;
    }
    request.setAttribute(ATTRIBUTE, state);
    return state;
  }

  /**
   * The decision for {@code request}; for a request the mechanism never saw (an error dispatch, for
   * one), {@code none} and {@code permit}, which pathauth enforces nothing on.
   */
  public static RequestState of(ServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof RequestState s ? s : UNDECIDED;
  }

  /** Marks the request as answered by pathauth: no application code may run for it. */
  public static void markHandled(ServletRequest request) {
    RequestState state = of(request);
    if (state == UNDECIDED) {
      state = decide(request, Mechanism.NONE, AccessPolicy.PERMIT);
    }
    state.handled = true;
  }

  /** Records that the path's own mechanism authenticated the caller. */
  public void authenticated() {
    this.authenticated = true;
  }

  /** The path rule's mechanism. */
  public Mechanism mechanism() {
    return mechanism;
  }

  /** The path rule's access policy. */
  public AccessPolicy access() {
    return access;
  }

  /** Whether the path's own mechanism authenticated the caller. */
  public boolean authenticatedByOwnMechanism() {
    return authenticated;
  }

  /** Whether pathauth has already answered the request. */
  public boolean handled() {
    return handled;
  }
}
