package com.example.legacy.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * The caller as the API sees them: the same roles as on the pages, because both come from the
 * server's user registry through the application's role mapping.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class AccountResource {

  @Context SecurityContext security;

  @GET
  @Path("account")
  @RolesAllowed({"employee", "manager"})
  public JsonObject account() {
    return Json.createObjectBuilder()
        .add("name", security.getUserPrincipal().getName())
        .add("employee", security.isUserInRole("employee"))
        .add("manager", security.isUserInRole("manager"))
        .add("scheme", String.valueOf(security.getAuthenticationScheme()))
        .build();
  }

  @GET
  @Path("reports")
  @RolesAllowed("manager")
  public JsonObject reports() {
    return Json.createObjectBuilder()
        .add("reports", Json.createArrayBuilder().add("Q1").add("Q2"))
        .add("for", security.getUserPrincipal().getName())
        .build();
  }
}
