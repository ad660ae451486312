package io.pathauth.bench.load.plain;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * BENCHMARK ONLY. The same endpoint as pathauth's {@code /api/ping/none} and {@code /api/ping/jwt},
 * on the server's own MP-JWT.
 */
@Path("ping")
@RequestScoped
public class PlainPing {

  @GET
  @Path("none")
  @PermitAll
  @Produces(MediaType.TEXT_PLAIN)
  public String anonymous() {
    return "pong anonymous";
  }

  @GET
  @Path("jwt")
  @RolesAllowed("user")
  @Produces(MediaType.TEXT_PLAIN)
  public String ping(@Context SecurityContext security) {
    return "pong " + security.getUserPrincipal().getName();
  }
}
