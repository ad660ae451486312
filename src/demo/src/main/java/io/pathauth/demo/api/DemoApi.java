package io.pathauth.demo.api;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The demo's JAX-RS API, on a jwt path. */
@ApplicationPath("/api")
@DeclareRoles({"user", "admin"})
public class DemoApi extends Application {}
