package io.pathauth.mechanism.handler;

import io.pathauth.mechanism.PathAuthMechanism;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
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
 * <p>Only in the bean archive where the handler type exists ({@code META-INF/beans.xml}): on
 * Jakarta Security 3.0 this package is left out and pathauth's mechanism is the only one. An
 * application's own handler (priority {@code APPLICATION}) wins over this one ({@code
 * LIBRARY_BEFORE}).
 */
@Alternative
@Priority(Interceptor.Priority.LIBRARY_BEFORE)
@ApplicationScoped
public class PathAuthMechanismHandler implements HttpAuthenticationMechanismHandler {

  @Inject PathAuthMechanism mechanism;

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
