package io.pathauth.demo.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers JAX-RS's own client errors (404 for an unknown resource, 405, 406, ...) with their
 * status, as handled exceptions. Without a mapper, Liberty's MicroProfile Metrics feature logs each
 * as an "unhandled exception" warning with a stack trace (CWPMI2006W), so anyone requesting random
 * paths could flood the server's log.
 */
@Provider
public class ClientErrors implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException e) {
    return e.getResponse();
  }
}
