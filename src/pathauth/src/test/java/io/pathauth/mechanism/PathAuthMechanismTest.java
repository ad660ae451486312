package io.pathauth.mechanism;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.support.FakeRequests;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathAuthMechanismTest {

  private static String pathOf(String uri, String servletPath, String pathInfo) {
    Map<String, Object> m = new HashMap<>();
    m.put("getRequestURI", uri);
    m.put("getContextPath", "/ctx");
    m.put("getServletPath", servletPath);
    m.put("getPathInfo", pathInfo);
    return PathAuthMechanism.pathOf(FakeRequests.of(m));
  }

  @Test
  void whenOrdinaryRequest_thenServletPathPlusPathInfo() {
    assertEquals("/api/me", pathOf("/ctx/api/me", "/api", "/me"));
    assertEquals("/", pathOf("/ctx/", "", null));
    assertEquals("/app/home", pathOf("/ctx/app/home;jsessionid=x", "/app/home", null));
  }

  @Test
  void whenLoginActionIsPlain_thenItsFullPathIsUsed() {
    assertEquals(
        "/app/j_security_check", pathOf("/ctx/app/j_security_check", "/j_security_check", null));
  }

  @Test
  void whenLoginActionUriIsNotPlain_thenTheContainerPathIsUsed() {
    for (String uri :
        new String[] {
          "/ctx/app;x=1/j_security_check",
          "/ctx/app/%2e%2e/j_security_check",
          "/ctx//app/j_security_check",
          "/ctx/app/../api/j_security_check",
          "/other/app/j_security_check"
        }) {
      assertEquals("/j_security_check", pathOf(uri, "/j_security_check", null), uri);
    }
  }
}
