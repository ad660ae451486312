package io.pathauth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.support.FakeExchange;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one writer of failures: status, challenge, body, and the request marked as answered. */
class AuthenticationResponsesTest {

  private final FakeExchange x = new FakeExchange("GET", null, Set.of());

  @Test
  void whenABearerTokenIsBad_then401WithAnRfc6750Challenge() throws Exception {
    AuthenticationResponses.refuse(
        x.request,
        x.response,
        "pathauth",
        new Refusal.BearerChallenge(BearerTokenErrors.invalidToken("The token has expired")));
    assertEquals(401, x.status());
    assertEquals(
        "Bearer realm=\"pathauth\", error=\"invalid_token\", error_description=\"The token has"
            + " expired\"",
        x.header(AuthenticationResponses.WWW_AUTHENTICATE));
    assertEquals(
        "{\"status\":401,\"error\":\"invalid_token\",\"error_description\":\"The token has"
            + " expired\"}",
        x.body());
    assertEquals("no-store", x.header("Cache-Control"));
    assertTrue(RequestState.of(x.request).handled(), "no application code runs after it");
  }

  @Test
  void whenNoCredentialsOnABearerPath_thenABareChallenge() throws Exception {
    AuthenticationResponses.refuse(
        x.request,
        x.response,
        "pathauth",
        new Refusal.BearerChallenge(BearerTokenErrors.missing()));
    assertEquals("Bearer realm=\"pathauth\"", x.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenAScriptNeedsASession_then401FormBasedNamingTheLoginPage() throws Exception {
    AuthenticationResponses.refuse(
        x.request, x.response, "pathauth", new Refusal.LoginRequired("/ctx/login"));
    assertEquals(401, x.status());
    assertEquals(
        "FormBased realm=\"pathauth\", login=\"/ctx/login\"",
        x.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenTheStoreCannotAnswer_then503WithRetryAfterAndNoChallenge() throws Exception {
    AuthenticationResponses.refuse(x.request, x.response, "pathauth", new Refusal.Unavailable());
    assertEquals(503, x.status());
    assertEquals("5", x.header("Retry-After"));
    assertNull(x.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenTheTokenEndpointRefuses_thenAnRfc6749ErrorBody() throws Exception {
    AuthenticationResponses.oauth(x.response, OAuthError.throttled());
    assertEquals(429, x.status());
    assertEquals(
        "{\"error\":\"invalid_grant\",\"error_description\":\"Too many failed attempts, try again"
            + " later\"}",
        x.body());
  }

  @Test
  void whenOurKeysAreBroken_then500WithoutDetail() throws Exception {
    AuthenticationResponses.refuse(x.request, x.response, "pathauth", new Refusal.ServerError());
    assertEquals(500, x.status());
    assertEquals("{\"status\":500,\"error_description\":\"Internal error\"}", x.body());
  }

  @Test
  void whenTheResponseIsAlreadyCommitted_thenNothingMoreIsWritten() throws Exception {
    x.response.flushBuffer();
    AuthenticationResponses.refuse(
        x.request, x.response, "pathauth", new Refusal.Forbidden("Access denied"));
    assertEquals(200, x.status());
    assertEquals("", x.body());
  }
}
