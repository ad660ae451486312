package io.pathauth.jwt;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/** Finds the bearer token in a request. */
public interface BearerTokenResolver {

  /**
   * Returns the token, or empty when the request carries none.
   *
   * @throws InvalidBearerTokenException when the request is malformed (e.g. two tokens) or the
   *     credentials are syntactically not a bearer token
   */
  Optional<String> resolve(HttpServletRequest request);
}
