package io.pathauth.jaxrs;

import jakarta.annotation.Priority;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.lang.reflect.Method;

/**
 * An anonymous caller of a {@code @RolesAllowed} JAX-RS resource is asked to authenticate, the way
 * Open Liberty and Payara do it, instead of being forbidden: the request goes through {@link
 * HttpServletRequest#authenticate}, so pathauth's mechanism answers as on any protected path (a jwt
 * path: {@code 401} with the bare {@code Bearer} challenge; a session path: the redirect to the
 * login page). Without it, RESTEasy's role check on WildFly answers {@code 403} with no challenge,
 * and an API client cannot tell that a token is missing.
 *
 * <p>Runs before the JAX-RS implementation's own role check ({@code AUTHENTICATION} priority) and
 * only for anonymous callers; a caller who lacks the role still gets the implementation's {@code
 * 403}. Registered by JAX-RS's scanning of the application's libraries ({@code @Provider}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AnonymousCallerChallenge implements ContainerRequestFilter {

  @Context ResourceInfo resource;
  @Context HttpServletRequest request;
  @Context HttpServletResponse response;

  @Override
  public void filter(ContainerRequestContext context) throws IOException {
    if (context.getSecurityContext().getUserPrincipal() != null
        || !needsRoles(resource.getResourceClass(), resource.getResourceMethod())) {
      return;
    }
    boolean authenticated;
    try {
      authenticated = request.authenticate(response);
    } catch (ServletException e) {
      // the mechanism refused and has written its answer
      authenticated = false;
    }
    if (!authenticated) {
      // the mechanism has written the whole answer; this only stops the resource from running
      context.abortWith(Response.status(response.getStatus()).build());
    }
  }

  /**
   * Whether the method, by its own annotations or its class's, admits callers in some roles only.
   * {@code @DenyAll} admits no one: the implementation's {@code 403} is the answer then.
   */
  static boolean needsRoles(Class<?> type, Method method) {
    if (method == null) {
      return false;
    }
    if (method.isAnnotationPresent(RolesAllowed.class)) {
      return true;
    }
    if (method.isAnnotationPresent(PermitAll.class) || method.isAnnotationPresent(DenyAll.class)) {
      return false;
    }
    return type != null && type.isAnnotationPresent(RolesAllowed.class);
  }
}
