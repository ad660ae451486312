package io.pathauth.it.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.it.support.Scenarios;
import jakarta.json.JsonObject;
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

  private static final OwnIssuer ISSUER = new OwnIssuer(APP);

  @Test
  void whenTheApplicationRestarts_thenRevokedStaysRevokedAndIssuedTokensStayValid() {
    deployer.deploy(APP);
    JsonObject revoked;
    JsonObject kept;
    try {
      revoked = ISSUER.login();
      kept = ISSUER.login();
      assertEquals(204, ISSUER.logout(revoked).statusCode());
      assertEquals(401, ISSUER.me(revoked));
    } finally {
      deployer.undeploy(APP);
    }

    deployer.deploy(APP);
    try {
      assertEquals(401, ISSUER.me(revoked), "revoked stays revoked");
      assertEquals(200, ISSUER.me(kept), "the signing key survived");
      HttpResponse<String> refreshed = ISSUER.refresh(kept);
      assertEquals(200, refreshed.statusCode(), "refresh tokens survived: " + refreshed.body());
      HttpResponse<String> revokedRefresh = ISSUER.refresh(revoked);
      assertEquals(400, revokedRefresh.statusCode(), "its refresh family stays revoked");
    } finally {
      deployer.undeploy(APP);
    }
  }
}
