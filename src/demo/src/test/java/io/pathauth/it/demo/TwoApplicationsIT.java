package io.pathauth.it.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two pathauth applications on one server. Liberty's authentication cache is one per server, and
 * pathauth keys its Subjects by caller and groups: the keys must be scoped to the deployment, or
 * one application gets the other's Subject and a principal from the other's class loader.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TwoApplicationsIT {

  @Deployment(name = "first", testable = false, order = 1)
  static WebArchive first() {
    return Scenarios.demoWith("pathauth-first.war", Map.of());
  }

  @Deployment(name = "second", testable = false, order = 2)
  static WebArchive second() {
    return Scenarios.demoWith("pathauth-second.war", Map.of());
  }

  @ArquillianResource
  @OperateOnDeployment("first")
  URL firstBase;

  @ArquillianResource
  @OperateOnDeployment("second")
  URL secondBase;

  @Test
  void whenOneCallerAlternatesApplications_thenEachSeesItsOwnJsonWebTokenPrincipal() {
    String token = Tokens.sign(Tokens.claims("alice", "user").claim("jti", "two-apps"));
    for (URL base : List.of(firstBase, secondBase, firstBase, secondBase)) {
      HttpResponse<String> r =
          Http.get(
              URI.create(base.toString()).resolve("api/me"), "Authorization", "Bearer " + token);
      assertEquals(200, r.statusCode(), base + ": " + r.body());
      JsonObject me = Json.createReader(new StringReader(r.body())).readObject();
      assertTrue(me.getBoolean("principalIsJsonWebToken"), base + ": " + r.body());
      assertEquals("two-apps", me.getString("principalTokenId"), base + ": getUserPrincipal()");
      assertEquals("two-apps", me.getString("tokenId"), base + ": @Inject JsonWebToken");
    }
  }
}
