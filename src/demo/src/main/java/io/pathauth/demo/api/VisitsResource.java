package io.pathauth.demo.api;

import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An unprotected endpoint with a side effect. A request that carries a bad token is refused before
 * it reaches here, so a rejected request never changes this counter.
 */
@Path("public/visits")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class VisitsResource {

  private final AtomicLong visits = new AtomicLong();

  @GET
  @PermitAll
  public JsonObject read() {
    return Json.createObjectBuilder().add("visits", visits.get()).build();
  }

  @POST
  @PermitAll
  public JsonObject visit() {
    return Json.createObjectBuilder().add("visits", visits.incrementAndGet()).build();
  }
}
