package com.example.legacy;

import io.pathauth.it.support.TimingParity;
import io.pathauth.it.support.TimingParity.Endpoints;
import java.net.URL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Timing parity with the server's own user registry (RELIABILITY.md, "Timing parity"): a known user
 * with a wrong password against an unknown name, at the legacy application's {@code
 * j_security_check} and at its token endpoint, the password checked by Open Liberty's {@code
 * <basicRegistry>} or Payara's file realm ({@code -Ppayara}). The build raises the per-address
 * limit for this server (its {@code pathauth.login.max-failures-per-address}). Throttled attempts
 * are refused before any store or registry is asked, so their pair is the demo's ({@code
 * TimingParityIT}).
 */
class LegacyTimingParityIT {

  static final Endpoints LEGACY =
      new Endpoints("j_security_check", "login-error.jsp", "auth/token");
  static final String STORE = "server registry";
  private static URL base;

  @BeforeAll
  static void serverIsUp() throws Exception {
    base = LegacyServer.awaitUp();
  }

  @Test
  void whenAKnownUserHasAWrongPassword_thenTheFormLoginTakesAsLongAsForAnUnknownName() {
    TimingParity.wrongPasswordVsUnknownUser(
        LEGACY, base, STORE, true, "alice", LegacyServer.password("alice"));
  }

  @Test
  void whenAKnownUserHasAWrongPassword_thenThePasswordGrantTakesAsLongAsForAnUnknownName() {
    TimingParity.wrongPasswordVsUnknownUser(
        LEGACY, base, STORE, false, "alice", LegacyServer.password("alice"));
  }
}
