package io.pathauth.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.Scenarios;
import io.pathauth.it.support.ServerLog;
import io.pathauth.it.support.Tokens;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * RFC 8725 / RFC 6750 attacks against the live server: every crafted token is a 401 {@code
 * invalid_token} with a safe description, malformed requests are 400 {@code invalid_request}, and
 * the server log shows no stack trace.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class TokenAttackIT {

  static final String INVALID_TOKEN =
      "Bearer realm=\"pathauth\", error=\"invalid_token\", error_description=\"";

  @Deployment(testable = false)
  static WebArchive deployment() {
    // pathauth's own size limit, set below both servers' HTTP header limits (Payara's Grizzly
    // answers a header over 8 KiB with its own 400 before any application code), so that the
    // "oversized" token reaches pathauth on both.
    return Scenarios.demoWith(Map.of("pathauth.jwt.max-token-length", "4096"));
  }

  @ArquillianResource URL base;

  URI uri(String path) {
    return URI.create(base.toString()).resolve(path);
  }

  @Test
  void whenACraftedTokenIsSent_thenUnauthorizedInvalidTokenAndNoStackTrace() throws Exception {
    ServerLog log = new ServerLog();
    Map<String, String> catalogue = CraftedTokens.catalogue();
    List<String> failures = new ArrayList<>();
    for (Map.Entry<String, String> e : catalogue.entrySet()) {
      for (String path : List.of("api/me", "api/public/hello", "auth/logout")) {
        HttpResponse<String> r =
            path.equals("auth/logout")
                ? Http.send(
                    HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()),
                    "Authorization",
                    "Bearer " + e.getValue())
                : Http.get(uri(path), "Authorization", "Bearer " + e.getValue());
        String challenge = Http.challenge(r);
        if (r.statusCode() != 401 || challenge == null || !challenge.startsWith(INVALID_TOKEN)) {
          failures.add(e.getKey() + " on " + path + ": " + r.statusCode() + " " + challenge);
        }
        if (r.body().contains("Exception")
            || r.body().contains("\tat ")
            || r.body().contains("-----BEGIN")) {
          failures.add(e.getKey() + ": body leaks internals: " + r.body());
        }
      }
    }
    assertTrue(
        failures.isEmpty(),
        catalogue.size() + " tokens, failures:\n" + String.join("\n", failures));
    assertEquals(List.of(), log.stackTracesOrErrors(), "server log");
    System.out.println(
        "pathauth attack catalogue: " + catalogue.size() + " crafted tokens x 3 paths, all 401");
  }

  @Test
  void whenARefreshTokenIsUsedAsAnAccessToken_thenRefused() {
    HttpResponse<String> t =
        Http.postForm(
            uri("auth/token"),
            Map.of(
                "grant_type", "password", "username", "alice", "password", "alice-dev-password"));
    String refresh =
        jakarta.json.Json.createReader(new java.io.StringReader(t.body()))
            .readObject()
            .getString("refresh_token");
    HttpResponse<String> r = Http.get(uri("api/me"), "Authorization", "Bearer " + refresh);
    assertEquals(401, r.statusCode());
    assertTrue(Http.challenge(r).startsWith(INVALID_TOKEN), Http.challenge(r));
  }

  @Test
  void whenTheRequestIsMalformed_thenBadRequestInvalidRequest() {
    String token = Tokens.valid("alice", "user");
    HttpResponse<String> twoHeaders =
        Http.get(
            uri("api/me"), "Authorization", "Bearer " + token, "Authorization", "Bearer " + token);
    assertEquals(400, twoHeaders.statusCode(), twoHeaders.body());
    assertTrue(Http.challenge(twoHeaders).contains("error=\"invalid_request\""));
    HttpResponse<String> query =
        Http.get(uri("api/me?access_token=" + token), "Authorization", "Bearer " + token);
    assertEquals(400, query.statusCode());
    assertTrue(Http.challenge(query).contains("error=\"invalid_request\""));
  }

  @Test
  void whenTheRoleIsMissing_thenForbiddenInsufficientScope() {
    HttpResponse<String> r =
        Http.get(
            uri("admin/users/bob"), "Authorization", "Bearer " + Tokens.valid("alice", "user"));
    assertEquals(403, r.statusCode());
    HttpResponse<String> api =
        Http.get(uri("api/admin"), "Authorization", "Bearer " + Tokens.valid("alice", "user"));
    assertTrue(Http.challenge(api).contains("error=\"insufficient_scope\""), Http.challenge(api));
    assertFalse(api.body().contains("Exception"));
  }
}
