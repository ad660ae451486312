package io.pathauth.cdi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.config.PathAuthConfigException;
import io.pathauth.path.AccessPolicy;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathPattern;
import io.pathauth.path.PathRule;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApplicationMechanismsTest {

  private static PathRule rule(String name, Mechanism mechanism, String qualifier) {
    return new PathRule(
        name,
        List.of(PathPattern.parse("/" + name + "/*")),
        mechanism,
        Set.of(),
        AccessPolicy.PERMIT,
        qualifier);
  }

  @Test
  void whenTheServerHasNoHandlerType_thenEachApplicationRuleIsAProblemNamingItsMechanismKey() {
    List<PathAuthConfigException> problems =
        ApplicationMechanisms.problems(
            List.of(
                rule("api", Mechanism.JWT, null),
                rule("basic", Mechanism.APPLICATION, "com.example.Basic")),
            null,
            ApplicationMechanisms.Handler.MISSING_TYPE);
    assertEquals(1, problems.size());
    assertEquals("pathauth.path.basic.mechanism", problems.get(0).key());
    assertTrue(problems.get(0).getMessage().contains("Jakarta Security 4.0"));
  }

  @Test
  void whenTheServerHasTheTypeButNotPathauthsHandler_thenTheProblemNamesTheEe11Module() {
    List<PathAuthConfigException> problems =
        ApplicationMechanisms.problems(
            List.of(rule("basic", Mechanism.APPLICATION, "com.example.Basic")),
            null,
            ApplicationMechanisms.Handler.MISSING_MODULE);
    assertEquals(1, problems.size());
    assertEquals("pathauth.path.basic.mechanism", problems.get(0).key());
    assertTrue(problems.get(0).getMessage().contains("io.pathauth:pathauth-ee11"));
  }

  @Test
  void whenNoRuleNamesTheApplicationsMechanism_thenThereIsNoProblemOnAnyServer() {
    assertEquals(
        List.of(),
        ApplicationMechanisms.problems(
            List.of(rule("api", Mechanism.JWT, null)),
            null,
            ApplicationMechanisms.Handler.MISSING_TYPE));
  }
}
