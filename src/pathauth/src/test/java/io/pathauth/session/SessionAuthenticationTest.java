package io.pathauth.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.support.FakeRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionAuthenticationTest {

  private static final HttpServletRequest REQUEST =
      FakeRequests.of(Map.of("getContextPath", "/pathauth"));

  @ParameterizedTest
  @ValueSource(strings = {"/pathauth/app/home", "/pathauth/app/home?tab=1", "/pathauth/"})
  void whenRememberedUrlIsInsideTheApplication_thenItIsARedirectTarget(String url) {
    assertTrue(SessionAuthentication.isLocal(REQUEST, url));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "//evil.example/pathauth/",
        "https://evil.example/pathauth/",
        "/pathauthx/app",
        "/other/app",
        "/pathauth",
        "/pathauth/\\evil",
        "/pathauth/a\r\nSet-Cookie: x=1",
        "/pathauth/a b"
      })
  void whenRememberedUrlLeavesTheApplication_thenItIsRefused(String url) {
    assertFalse(SessionAuthentication.isLocal(REQUEST, url));
  }
}
