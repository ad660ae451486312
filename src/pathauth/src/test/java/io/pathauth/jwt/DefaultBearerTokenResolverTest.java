package io.pathauth.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pathauth.http.BearerTokenError;
import io.pathauth.support.FakeRequests;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultBearerTokenResolverTest {

  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln";

  private final DefaultBearerTokenResolver header =
      new DefaultBearerTokenResolver(false, "Bearer", 100);
  private final DefaultBearerTokenResolver cookie =
      new DefaultBearerTokenResolver(true, "jwt", 100);

  /** A request with the given Authorization headers, cookies and query string. */
  static HttpServletRequest request(List<String> authorization, Cookie[] cookies, String query) {
    return FakeRequests.withCredentials(authorization, cookies, query);
  }

  private static HttpServletRequest authorization(String... values) {
    return request(List.of(values), null, null);
  }

  private static BearerTokenError error(DefaultBearerTokenResolver r, HttpServletRequest req) {
    return assertThrows(InvalidBearerTokenException.class, () -> r.resolve(req)).error();
  }

  @Test
  void whenOneBearerHeader_thenTheTokenIsReturned() {
    assertEquals(Optional.of(TOKEN), header.resolve(authorization("Bearer " + TOKEN)));
    assertEquals(Optional.of(TOKEN), header.resolve(authorization("bearer " + TOKEN)));
    assertEquals(Optional.of(TOKEN), header.resolve(authorization("BEARER   " + TOKEN)));
  }

  @Test
  void whenNoHeader_thenNoToken() {
    assertEquals(Optional.empty(), header.resolve(authorization()));
  }

  @Test
  void whenAnotherScheme_thenRefusedWithABareChallenge() {
    for (String value : List.of("Basic YTpi", "Basic", "BearerX " + TOKEN, "Digest x")) {
      BearerTokenError e = error(header, authorization(value));
      assertEquals(401, e.status(), value);
      assertEquals(null, e.code(), value);
    }
  }

  @Test
  void whenTwoAuthorizationHeaders_thenInvalidRequest() {
    BearerTokenError e = error(header, authorization("Bearer " + TOKEN, "Bearer " + TOKEN));
    assertEquals(400, e.status());
    assertEquals("invalid_request", e.code());
  }

  @Test
  void whenTokenIsAlsoInTheQuery_thenInvalidRequest() {
    HttpServletRequest r = request(List.of("Bearer " + TOKEN), null, "a=1&access_token=" + TOKEN);
    assertEquals("invalid_request", error(header, r).code());
  }

  @Test
  void whenQueryOnlyMentionsAccessTokenInAValue_thenIgnored() {
    HttpServletRequest r = request(List.of("Bearer " + TOKEN), null, "q=access_token");
    assertEquals(Optional.of(TOKEN), header.resolve(r));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"Bearer", "Bearer ", "Bearer a b", "Bearer a\"b", "Bearer a=b", "Bearer ä"})
  void whenBearerCredentialsAreNotAB64token_thenInvalidToken(String value) {
    BearerTokenError e = error(header, authorization(value));
    assertEquals(401, e.status());
    assertEquals("invalid_token", e.code());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a.b",
        "a.b.c.d",
        "a.b.c.d.e",
        ".b.c",
        "a..c",
        "YQ==.b.c",
        "a+b.c.d",
        "a/b.c.d",
        "a.b.c ",
        "a.\tb.c",
        "a.b.c="
      })
  void whenTokenIsNotACompactJws_thenMalformed(String token) {
    BearerTokenError e = error(header, authorization("Bearer " + token));
    assertEquals("invalid_token", e.code());
    assertTrue(
        e.description().equals("Malformed token") || e.description().equals("Empty bearer token"),
        e.description());
  }

  @Test
  void whenSignatureIsEmpty_thenNotSigned() {
    assertEquals(
        "The token is not signed", error(header, authorization("Bearer a.b.")).description());
  }

  @Test
  void whenTokenIsLongerThanTheLimit_thenInvalidTokenBeforeParsing() {
    BearerTokenError e = error(header, authorization("Bearer " + "a".repeat(101)));
    assertEquals("Token too large", e.description());
  }

  @Test
  void whenTokenHeaderIsCookie_thenTheNamedCookieIsUsedAndAuthorizationIgnored() {
    HttpServletRequest r =
        request(List.of("Bearer other"), new Cookie[] {new Cookie("jwt", TOKEN)}, null);
    assertEquals(Optional.of(TOKEN), cookie.resolve(r));
    assertEquals(Optional.empty(), cookie.resolve(request(List.of(), null, null)));
  }

  @Test
  void whenTwoTokenCookies_thenInvalidRequest() {
    HttpServletRequest r =
        request(List.of(), new Cookie[] {new Cookie("jwt", TOKEN), new Cookie("jwt", TOKEN)}, null);
    assertEquals("invalid_request", error(cookie, r).code());
  }
}
