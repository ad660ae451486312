package io.pathauth.bench.load.floor;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * BENCHMARK ONLY. The JAX-RS application of the floor WAR: the demo's {@code PingResource} under
 * {@code /api}, authenticated by {@link FloorMechanism}. Never part of the pathauth WAR.
 */
@ApplicationPath("/api")
@DeclareRoles("user")
public class FloorApi extends Application {}
