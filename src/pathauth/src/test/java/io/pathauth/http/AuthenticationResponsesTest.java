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
    AuthenticationResponses.bearer(
        x.request, x.response, "pathauth", BearerTokenErrors.invalidToken("The token has expired"));
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
    AuthenticationResponses.bearer(x.request, x.response, "pathauth", BearerTokenErrors.missing());
    assertEquals("Bearer realm=\"pathauth\"", x.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenAScriptNeedsASession_then401FormBasedNamingTheLoginPage() throws Exception {
    AuthenticationResponses.session(x.request, x.response, "pathauth", "/ctx/login");
    assertEquals(401, x.status());
    assertEquals(
        "FormBased realm=\"pathauth\", login=\"/ctx/login\"",
        x.header(AuthenticationResponses.WWW_AUTHENTICATE));
  }

  @Test
  void whenTheStoreCannotAnswer_then503WithRetryAfterAndNoChallenge() throws Exception {
    AuthenticationResponses.unavailable(x.request, x.response);
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
  void whenTheResponseIsAlreadyCommitted_thenNothingMoreIsWritten() throws Exception {
    x.response.flushBuffer();
    AuthenticationResponses.forbidden(x.request, x.response, "Access denied");
    assertEquals(200, x.status());
    assertEquals("", x.body());
  }
}
