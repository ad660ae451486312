package io.pathauth.it.token;

import static io.pathauth.it.support.Browser.ALICE;
import static io.pathauth.it.support.Browser.ALICE_PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pathauth.it.support.Http;
import io.pathauth.it.support.ItServer;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * pathauth's own issuer in a demo deployed as {@code app} (undeployed and deployed by the test).
 */
record OwnIssuer(String app) {

  URI uri(String path) {
    return URI.create("http://localhost:" + ItServer.httpPort() + "/" + app + "/").resolve(path);
  }

  /** alice's password grant: access and refresh token. */
  JsonObject login() {
    HttpResponse<String> r =
        Http.postForm(
            uri("auth/token"),
            Map.of("grant_type", "password", "username", ALICE, "password", ALICE_PASSWORD));
    assertEquals(200, r.statusCode(), r.body());
    return Json.createReader(new StringReader(r.body())).readObject();
  }

  /** The bearer logout of {@code tokens}' access token. */
  HttpResponse<String> logout(JsonObject tokens) {
    return Http.send(
        HttpRequest.newBuilder(uri("auth/logout")).POST(HttpRequest.BodyPublishers.noBody()),
        "Authorization",
        "Bearer " + tokens.getString("access_token"));
  }

  /** The status of {@code GET api/me} with {@code tokens}' access token. */
  int me(JsonObject tokens) {
    return Http.get(uri("api/me"), "Authorization", "Bearer " + tokens.getString("access_token"))
        .statusCode();
  }

  /** A refresh grant with {@code tokens}' refresh token. */
  HttpResponse<String> refresh(JsonObject tokens) {
    return Http.postForm(
        uri("auth/token"),
        Map.of("grant_type", "refresh_token", "refresh_token", tokens.getString("refresh_token")));
  }
}
