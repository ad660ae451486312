package io.pathauth.bench.load.plain;

import jakarta.annotation.security.DeclareRoles;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * BENCHMARK ONLY. A plain MicroProfile JWT application, without pathauth, for the server's own
 * MP-JWT implementation (Liberty's mpJwt-2.1, Payara's MP-JWT). Never part of the pathauth WAR.
 */
@ApplicationPath("/api")
@LoginConfig(authMethod = "MP-JWT")
@DeclareRoles("user")
public class PlainMpJwtApi extends Application {}
