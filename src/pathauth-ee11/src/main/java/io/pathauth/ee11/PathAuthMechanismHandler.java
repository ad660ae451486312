package io.pathauth.ee11;

import io.pathauth.mechanism.PathAuthMechanism;
import jakarta.security.enterprise.AuthenticationException;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Jakarta Security 4.0 (Jakarta EE 11): the container asks this handler, not a mechanism, and it
 * hands every request to pathauth's mechanism, which keeps the per-path decision and delegates the
 * paths of {@code mechanism=application} rules to the application's qualified mechanism beans. The
 * container's default handler would refuse an application with more than one mechanism.
 *
 * <p>Not a bean by annotation: {@link HandlerBean} registers it where the handler type exists.
 */
public final class PathAuthMechanismHandler implements HttpAuthenticationMechanismHandler {

  private final PathAuthMechanism mechanism;

  PathAuthMechanismHandler(PathAuthMechanism mechanism) {
    this.mechanism = mechanism;
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx)
      throws AuthenticationException {
    return mechanism.validateRequest(request, response, ctx);
  }

  @Override
  public AuthenticationStatus secureResponse(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx)
      throws AuthenticationException {
    return mechanism.secureResponse(request, response, ctx);
  }

  @Override
  public void cleanSubject(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
    mechanism.cleanSubject(request, response, ctx);
  }
}
