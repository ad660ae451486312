package com.example.legacy.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/**
 * The API added to the legacy application. pathauth puts {@code /api/*} on bearer tokens (its
 * {@code microprofile-config.properties}); the pages stay on the FORM login and the session.
 */
@ApplicationPath("/api")
public class LegacyApi extends Application {}
