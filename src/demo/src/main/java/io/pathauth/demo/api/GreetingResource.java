package io.pathauth.demo.api;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.Claim;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Bearer-token endpoints, written exactly as for a server's own MP-JWT. */
@Path("/")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class GreetingResource {

  @Inject JsonWebToken jwt;

  @Inject
  @Claim(standard = Claims.sub)
  Optional<String> subject;

  @Inject
  @Claim(standard = Claims.groups)
  Set<String> groups;

  @Context SecurityContext security;

  /** Anyone; shows the caller when a valid token was sent. */
  @GET
  @Path("public/hello")
  @PermitAll
  public JsonObject hello() {
    Principal p = security.getUserPrincipal();
    JsonObjectBuilder b = Json.createObjectBuilder().add("message", "hello");
    if (p == null) {
      b.addNull("caller");
    } else {
      b.add("caller", p.getName());
    }
    return b.build();
  }

  /** Any authenticated user. */
  @GET
  @Path("me")
  @RolesAllowed({"user", "admin"})
  public JsonObject me() {
    JsonArrayBuilder g = Json.createArrayBuilder();
    new TreeSet<>(groups).forEach(g::add);
    return Json.createObjectBuilder()
        .add("name", jwt.getName())
        .add("subject", subject.orElse(""))
        .add("groups", g)
        .add("issuer", String.valueOf(jwt.getIssuer()))
        .add("principalIsJsonWebToken", security.getUserPrincipal() instanceof JsonWebToken)
        .add("tokenId", String.valueOf(jwt.getTokenID()))
        .add("principalTokenId", principalTokenId())
        .add("isAdmin", security.isUserInRole("admin"))
        .build();
  }

  private String principalTokenId() {
    return security.getUserPrincipal() instanceof JsonWebToken p
        ? String.valueOf(p.getTokenID())
        : "";
  }

  /** Admins only. */
  @GET
  @Path("admin")
  @RolesAllowed("admin")
  public JsonObject admin() {
    return Json.createObjectBuilder().add("admin", true).add("name", jwt.getName()).build();
  }
}
