package io.pathauth.it.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Scenarios;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The state directory stops taking writes (a full disk, a read-only mount): a logout is answered
 * 503 with {@code Retry-After}, not a success that would not last; the revocation holds in memory
 * at once, and the next write that succeeds persists it, so it holds after a restart too. The fault
 * is made the way root cannot bypass it: a directory stands where the state file's temporary copy
 * is written.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StateFaultIT {

  private static final String APP = "state-fault";
  private static final String STATE = Scenarios.freshStateDir();

  @ArquillianResource Deployer deployer;

  @Deployment(name = APP, managed = false, testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(APP + ".war", Map.of("pathauth.state.dir", STATE));
  }

  private static final OwnIssuer ISSUER = new OwnIssuer(APP);

  private static Path blocker() {
    return Path.of(STATE, "revocations.txt.tmp");
  }

  @Test
  void whenTheStateCannotBeWritten_thenLogoutIs503TheRevocationHoldsAndIsPersistedLater()
      throws IOException {
    deployer.deploy(APP);
    JsonObject first;
    try {
      first = ISSUER.login();
      JsonObject second = ISSUER.login();
      Files.createDirectories(blocker().resolve("full"));

      HttpResponse<String> refused = ISSUER.logout(first);
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
      assertTrue(refused.body().contains("temporarily_unavailable"), refused.body());
      assertEquals(401, ISSUER.me(first), "the revocation holds in memory at once");
      assertEquals(200, ISSUER.me(second), "other callers go on");

      Files.delete(blocker().resolve("full"));
      Files.delete(blocker());
      assertEquals(204, ISSUER.logout(second).statusCode(), "the directory takes writes again");
    } finally {
      deployer.undeploy(APP);
    }
    deployer.deploy(APP);
    try {
      assertEquals(
          401, ISSUER.me(first), "the next successful write persisted the earlier revocation");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
