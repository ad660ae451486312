package io.pathauth.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * A real Keycloak for the tests: the {@code keycloak-quarkus-dist} the build unpacks, started in
 * dev mode on 127.0.0.1 only (in-memory database, local caches: nothing else listens), with a realm
 * imported from a file of the repository whose secrets come from the environment of this run, and
 * stopped with its whole process tree. Keycloak 26.7 needs JDK 21 or later: {@code javaHome}.
 */
public final class KeycloakServer implements AutoCloseable {

  /** The realm the import file defines. */
  public static final String REALM = "pathauth";

  private final int port;
  private final Process process;
  private final String adminPassword = io.pathauth.dev.TestSecrets.randomPassword();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /**
   * Starts Keycloak and waits until the realm answers (at most {@code startTimeout}).
   *
   * @param home the unpacked distribution (holds {@code bin/kc.sh})
   * @param realmFile the realm to import; {@code ${NAME}} placeholders are read from {@code
   *     secrets}
   * @param secrets environment variables for the realm file's placeholders
   * @param log where Keycloak's output goes
   */
  public KeycloakServer(
      Path home,
      Path javaHome,
      Path realmFile,
      Map<String, String> secrets,
      Path log,
      Duration startTimeout) {
    this.port = freePort();
    try {
      Path imports = home.resolve("data/import");
      Files.createDirectories(imports);
      Files.copy(
          realmFile,
          imports.resolve(REALM + "-realm.json"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      ProcessBuilder pb =
          new ProcessBuilder(
                  "bash",
                  "bin/kc.sh",
                  "start-dev",
                  "--http-host=127.0.0.1",
                  "--http-port=" + port,
                  "--db=dev-mem",
                  "--cache=local",
                  "--import-realm")
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = pb.environment();
      env.keySet()
          .removeIf(k -> k.startsWith("KC_") || k.startsWith("DEBUG") || k.startsWith("JAVA_OPTS"));
      env.put("JAVA_HOME", javaHome.toString());
      env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
      env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
      env.putAll(secrets);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    awaitRealm(startTimeout, log);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitRealm(Duration timeout, Path log) {
    long deadline = System.nanoTime() + timeout.toNanos();
    URI wellKnown = URI.create(issuer() + "/.well-known/openid-configuration");
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Keycloak exited at start; see " + log);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(wellKnown).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    close();
    throw new IllegalStateException("Keycloak did not answer within " + timeout + "; see " + log);
  }

  /** The realm's issuer, as Keycloak writes it into {@code iss}. */
  public String issuer() {
    return "http://127.0.0.1:" + port + "/realms/" + REALM;
  }

  /** The realm's JWKS endpoint. */
  public String jwks() {
    return issuer() + "/protocol/openid-connect/certs";
  }

  /** An access token of the password grant (direct access grant). */
  public String passwordGrant(String clientId, String secret, String user, String password) {
    return token(
        REALM,
        Map.of(
            "grant_type", "password",
            "client_id", clientId,
            "client_secret", secret,
            "username", user,
            "password", password));
  }

  /** An access token of the client-credentials grant (the client's service account). */
  public String clientCredentials(String clientId, String secret) {
    return token(
        REALM,
        Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
  }

  private String token(String realm, Map<String, String> form) {
    HttpResponse<String> r =
        Http.postForm(
            URI.create(
                "http://127.0.0.1:" + port + "/realms/" + realm + "/protocol/openid-connect/token"),
            form);
    if (r.statusCode() != 200) {
      throw new IllegalStateException("token request refused: " + r.statusCode() + " " + r.body());
    }
    return (String) json(r.body()).get("access_token");
  }

  /**
   * Rotates the realm's signing key: a new RSA key with a higher priority than every key so far,
   * which signs every token from now on (the old one stays published).
   */
  public void rotateSigningKey(int priority) {
    String admin =
        token(
            "master",
            Map.of(
                "grant_type", "password",
                "client_id", "admin-cli",
                "username", "admin",
                "password", adminPassword));
    String component =
        JsonUtil.toJson(
            Map.of(
                "name",
                "rsa-rotated-" + priority,
                "providerId",
                "rsa-generated",
                "providerType",
                "org.keycloak.keys.KeyProvider",
                "parentId",
                REALM,
                "config",
                Map.of(
                    "priority", List.of(String.valueOf(priority)),
                    "enabled", List.of("true"),
                    "active", List.of("true"),
                    "keySize", List.of("2048"),
                    "algorithm", List.of("RS256"))));
    HttpResponse<String> r = postJson("/admin/realms/" + REALM + "/components", component, admin);
    if (r.statusCode() != 201) {
      throw new IllegalStateException("key rotation refused: " + r.statusCode() + " " + r.body());
    }
  }

  /** The {@code kid} of a compact JWS. */
  public static String kid(String token) {
    return (String)
        json(new String(
                java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8))
            .get("kid");
  }

  private static Map<String, Object> json(String text) {
    try {
      return JsonUtil.parseJson(text);
    } catch (JoseException e) {
      throw new IllegalStateException("not JSON: " + text, e);
    }
  }

  private HttpResponse<String> postJson(String path, String body, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + bearer)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops Keycloak: its process and every process it started. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
