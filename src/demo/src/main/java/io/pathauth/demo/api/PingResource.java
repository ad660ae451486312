package io.pathauth.demo.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Set;

/**
 * One endpoint under three URLs whose path rules differ only in configuration: {@code
 * /api/ping/none} (no authentication), {@code /api/ping/session} (session cookie) and {@code
 * /api/ping/jwt} (bearer token). The load benchmark compares the three. ({@code /api/ping/basic}:
 * for a Jakarta EE 11 test that sends it to a built-in BASIC mechanism.) The path parameter names
 * the rule (it is declared for the OpenAPI document; the answer does not depend on it). It is a
 * plain template checked here, not a JAX-RS regular expression: Payara writes such an expression
 * into the OpenAPI path, which is then invalid.
 */
@Path("ping/{via}")
@ApplicationScoped
public class PingResource {

  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String ping(@PathParam("via") String via, @Context SecurityContext security) {
    if (!Set.of("none", "session", "jwt", "basic").contains(via)) {
      throw new NotFoundException();
    }
    Principal caller = security.getUserPrincipal();
    return "pong " + (caller == null ? "anonymous" : caller.getName());
  }
}
