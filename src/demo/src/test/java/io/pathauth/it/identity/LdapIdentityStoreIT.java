package io.pathauth.it.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.ItServer;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The demo with {@code @LdapIdentityStoreDefinition} instead of its own store, against a real LDAP
 * directory on loopback: form login and the password grant by the directory's passwords, roles from
 * its groups, the same clear answers for wrong passwords and unknown users, and, once the directory
 * is gone, a refusal with a log line and never a 500 (503 where the server's store reports the
 * outage; Liberty's store reports a wrong password, see the test).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LdapIdentityStoreIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return IdentityStoreScenario.replacingTheDemoStore(Scenarios.demo(), LdapUsers.class);
  }

  @ArquillianResource URL base;

  static Directory directory;

  @BeforeAll
  static void startDirectory() throws Exception {
    directory = new Directory();
  }

  @AfterAll
  static void stopDirectory() {
    if (directory != null) {
      directory.close();
    }
  }

  @Test
  @Order(1)
  void whenTheDirectoryKnowsTheUser_thenFormLoginAndPasswordGrantWithItsGroupsAsRoles() {
    IdentityStoreScenario app = new IdentityStoreScenario(base);
    app.assertFormLoginWithRoles("bob", directory.password("bob"), true);
    app.assertFormLoginWithRoles("alice", directory.password("alice"), false);
    app.assertPasswordGrantWithGroups("bob", directory.password("bob"), "admin", "user");
  }

  @Test
  @Order(2)
  void whenThePasswordIsWrongOrTheUserUnknown_thenTheErrorPageAndInvalidGrant() {
    IdentityStoreScenario app = new IdentityStoreScenario(base);
    app.assertRefused("alice", "not-" + directory.password("alice"));
    app.assertRefused("mallory", "some-password-1");
  }

  @Test
  @Order(3)
  void whenTheDirectoryIsDown_thenRefusedWithALogLineNeverA500() throws Exception {
    ServerLog log = new ServerLog();
    directory.stop();
    IdentityStoreScenario app = new IdentityStoreScenario(base);
    HttpResponse<String> form = app.formLogin("alice", "whatever-password");
    HttpResponse<String> grant = app.passwordGrant("alice", "whatever-password");
    if (ItServer.current() == ItServer.LIBERTY) {
      // Liberty's LDAP identity store answers INVALID when the directory cannot be reached (and
      // logs the CommunicationException as an FFDC): to pathauth that is a wrong password.
      assertEquals(302, form.statusCode(), form.body());
      assertEquals(400, grant.statusCode(), grant.body());
      assertTrue(log.text().contains("CommunicationException"), "the server log says why");
    } else {
      assertEquals(503, form.statusCode(), form.body());
      assertTrue(form.body().contains("temporarily_unavailable"), form.body());
      assertEquals(503, grant.statusCode(), grant.body());
      assertTrue(grant.headers().firstValue("Retry-After").isPresent());
      assertTrue(log.text().contains("could not be checked"), "the server log says why");
    }
    assertTrue(form.statusCode() < 500 || form.statusCode() == 503);
    assertFalse(form.body().contains("Exception") || grant.body().contains("Exception"));
  }
}
