package io.pathauth.it.ee11;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.Tokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Jakarta EE 11 (Jakarta Security 4.0): a path rule with {@code mechanism=application} sends its
 * paths to a qualified mechanism bean of the application, here the built-in BASIC one, through
 * pathauth's {@code HttpAuthenticationMechanismHandler}; every other path stays pathauth's. On a
 * Jakarta EE 10 server the same rule stops the deployment ({@code InvalidConfigIT}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ApplicationMechanismIT {

  private static final String NAME = "application-mechanism";

  @ArquillianResource Deployer deployer;

  @Deployment(name = NAME, managed = false, testable = false)
  static WebArchive deployment() {
    return Scenarios.demoWith(NAME + ".war", BasicMechanism.rule()).addClass(BasicMechanism.class);
  }

  private static URI app(String path) {
    return URI.create("http://localhost:" + ItServer.httpPort() + "/" + NAME + "/" + path);
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void whenARuleNamesTheBasicMechanism_thenItsPathTakesBasicAndTheOthersStayPathauths() {
    assumeTrue(ItServer.jakartaEe() >= 11, "Jakarta EE 11 only; on 10 see InvalidConfigIT");
    deployer.deploy(NAME);
    try {
      HttpResponse<String> none = Http.get(app("api/ping/basic"));
      assertEquals(401, none.statusCode(), none.body());
      assertTrue(
          none.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"),
          "BASIC's challenge: " + none.headers().map());

      HttpResponse<String> alice =
          Http.get(app("api/ping/basic"), "Authorization", basic(ALICE, ALICE_PASSWORD));
      assertEquals(200, alice.statusCode(), alice.body());
      assertEquals("pong alice", alice.body());

      HttpResponse<String> wrong =
          Http.get(app("api/ping/basic"), "Authorization", basic(ALICE, "wrong"));
      assertEquals(401, wrong.statusCode(), wrong.body());

      // a bearer token is no credential for BASIC; a password is none for pathauth's jwt paths
      String token = Tokens.valid(ALICE, "user");
      HttpResponse<String> bearerOnBasic =
          Http.get(app("api/ping/basic"), "Authorization", "Bearer " + token);
      assertEquals(401, bearerOnBasic.statusCode(), bearerOnBasic.body());
      HttpResponse<String> basicOnJwt =
          Http.get(app("api/ping/jwt"), "Authorization", basic(ALICE, ALICE_PASSWORD));
      assertEquals(401, basicOnJwt.statusCode(), basicOnJwt.body());
      assertTrue(
          basicOnJwt.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
          "pathauth's challenge on its own path: " + basicOnJwt.headers().map());
      HttpResponse<String> bearer =
          Http.get(app("api/ping/jwt"), "Authorization", "Bearer " + token);
      assertEquals(200, bearer.statusCode(), bearer.body());
      assertEquals("pong alice", bearer.body());
    } finally {
      deployer.undeploy(NAME);
    }
  }
}
