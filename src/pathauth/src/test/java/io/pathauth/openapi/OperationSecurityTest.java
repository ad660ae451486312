package io.pathauth.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.config.PathAuthConfig;
import io.pathauth.path.Mechanism;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationSecurityTest {

  private static OperationSecurity demo() {
    PathAuthConfig c =
        PathAuthConfig.from(
            new SmallRyeConfigBuilder()
                .withSources(
                    new PropertiesConfigSource(
                        Map.of(
                            "pathauth.path.app.paths", "/app/*",
                            "pathauth.path.app.mechanism", "session",
                            "pathauth.path.api.paths", "/api/*",
                            "pathauth.path.api.mechanism", "jwt",
                            "pathauth.path.ping-none.paths", "/api/ping/none",
                            "pathauth.path.ping-none.mechanism", "none",
                            "pathauth.path.ping-session.paths", "/api/ping/session",
                            "pathauth.path.ping-session.mechanism", "session",
                            "pathauth.session.login-page", "/app/login",
                            "mp.jwt.verify.publickey", "unused-here"),
                        "test",
                        100))
                .build());
    return new OperationSecurity(c.rules(), c.matcher(), c.session());
  }

  @Test
  void whenAPlainPathFallsUnderOneRule_thenItsMechanismApplies() {
    OperationSecurity s = demo();
    assertEquals(Set.of(Mechanism.JWT), s.mechanisms("/api/me", "GET"));
    assertEquals(Set.of(Mechanism.SESSION), s.mechanisms("/app/home", "GET"));
    assertEquals(Set.of(Mechanism.NONE), s.mechanisms("/other", "GET"), "the default");
  }

  @Test
  void whenATemplateSpansSeveralRules_thenEveryMechanismIsListed() {
    assertEquals(
        Set.of(Mechanism.NONE, Mechanism.SESSION, Mechanism.JWT),
        demo().mechanisms("/api/ping/{via}", "GET"));
    assertEquals(Set.of(Mechanism.JWT), demo().mechanisms("/api/users/{id}", "GET"));
  }

  @Test
  void whenThePathIsTheLoginPage_thenNoCredentialIsDocumented() {
    assertEquals(Set.of(Mechanism.NONE), demo().mechanisms("/app/login", "POST"));
    assertEquals(Set.of(Mechanism.NONE), demo().mechanisms("/app/j_security_check", "POST"));
  }
}
