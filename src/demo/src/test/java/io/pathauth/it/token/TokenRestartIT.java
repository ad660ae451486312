package io.pathauth.it.token;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Revocations, refresh tokens and signing keys survive a restart of the application: the test stops
 * and starts it (undeploy, deploy) with the same state directory.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenRestartIT {

  private static final String APP = "restart";
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

  private static int me(String access) {
    return Http.get(uri("api/me"), "Authorization", "Bearer " + access).statusCode();
  }

  @Test
  void whenTheApplicationRestarts_thenRevokedStaysRevokedAndIssuedTokensStayValid() {
    deployer.deploy(APP);
    JsonObject revoked;
    JsonObject kept;
    try {
      revoked = login();
      kept = login();
      HttpResponse<String> logout =
          Http.send(
              HttpRequest.newBuilder(uri("auth/logout")).POST(HttpRequest.BodyPublishers.noBody()),
              "Authorization",
              "Bearer " + revoked.getString("access_token"));
      assertEquals(204, logout.statusCode());
      assertEquals(401, me(revoked.getString("access_token")));
    } finally {
      deployer.undeploy(APP);
    }

    deployer.deploy(APP);
    try {
      assertEquals(401, me(revoked.getString("access_token")), "revoked stays revoked");
      assertEquals(200, me(kept.getString("access_token")), "the signing key survived");
      HttpResponse<String> refreshed =
          Http.postForm(
              uri("auth/token"),
              Map.of(
                  "grant_type", "refresh_token", "refresh_token", kept.getString("refresh_token")));
      assertEquals(200, refreshed.statusCode(), "refresh tokens survived: " + refreshed.body());
      HttpResponse<String> revokedRefresh =
          Http.postForm(
              uri("auth/token"),
              Map.of(
                  "grant_type",
                  "refresh_token",
                  "refresh_token",
                  revoked.getString("refresh_token")));
      assertEquals(400, revokedRefresh.statusCode(), "its refresh family stays revoked");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
