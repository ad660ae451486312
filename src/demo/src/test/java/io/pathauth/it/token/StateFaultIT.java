package io.pathauth.it.token;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
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

  private static URI uri(String path) {
    return URI.create("http://localhost:" + ItServer.httpPort() + "/" + APP + "/").resolve(path);
  }

  private static JsonObject login() {
    HttpResponse<String> r =
        Http.postForm(
            uri("auth/token"),
            Map.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD));
    assertEquals(200, r.statusCode(), r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  private static HttpResponse<String> logout(JsonObject tokens) {
    return Http.send(
        HttpRequest.newBuilder(uri("auth/logout")).POST(HttpRequest.BodyPublishers.noBody()),
        "Authorization",
        "Bearer " + tokens.getString("access_token"));
  }

  private static int me(JsonObject tokens) {
    return Http.get(uri("api/me"), "Authorization", "Bearer " + tokens.getString("access_token"))
        .statusCode();
  }

  private static Path blocker() {
    return Path.of(STATE, "revocations.txt.tmp");
  }

  @Test
  void whenTheStateCannotBeWritten_thenLogoutIs503TheRevocationHoldsAndIsPersistedLater()
      throws IOException {
    deployer.deploy(APP);
    JsonObject first;
    try {
      first = login();
      JsonObject second = login();
      Files.createDirectories(blocker().resolve("full"));

      HttpResponse<String> refused = logout(first);
      assertEquals(503, refused.statusCode(), refused.body());
      assertTrue(refused.headers().firstValue("Retry-After").isPresent(), "Retry-After");
      assertTrue(refused.body().contains("temporarily_unavailable"), refused.body());
      assertEquals(401, me(first), "the revocation holds in memory at once");
      assertEquals(200, me(second), "other callers go on");

      Files.delete(blocker().resolve("full"));
      Files.delete(blocker());
      assertEquals(204, logout(second).statusCode(), "the directory takes writes again");
    } finally {
      deployer.undeploy(APP);
    }
    deployer.deploy(APP);
    try {
      assertEquals(401, me(first), "the next successful write persisted the earlier revocation");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
