package io.pathauth.it.support;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.pathauth.dev.TestSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * An identity provider's JWKS endpoint for tests: HTTPS on 127.0.0.1 with a certificate keytool
 * makes for the run (its PEM in {@link #certificate()}, for the verifier to trust), serving
 * whatever key set the test sets, slowly or with a {@code Cache-Control} header if asked, and
 * counting requests. Stops with {@link #close()}.
 */
public final class JwksServer implements AutoCloseable {

  private final Path certificate;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final AtomicInteger hits = new AtomicInteger();
  private volatile String body = "{\"keys\":[]}";
  private volatile String cacheControl;
  private volatile long delayMillis;

  /**
   * Starts the server on a free port of 127.0.0.1.
   *
   * @param dir where the key store and certificate are written
   */
  public JwksServer(Path dir) {
    try {
      String password = TestSecrets.randomPassword();
      Path keystore = dir.resolve("idp.p12");
      certificate = dir.resolve("idp.pem");
      String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
      run(
          keytool,
          "-genkeypair",
          "-alias",
          "idp",
          "-keyalg",
          "EC",
          "-groupname",
          "secp256r1",
          "-dname",
          "CN=localhost",
          "-ext",
          "SAN=ip:127.0.0.1,dns:localhost",
          "-validity",
          "2",
          "-storetype",
          "PKCS12",
          "-keystore",
          keystore.toString(),
          "-storepass",
          password,
          "-keypass",
          password);
      run(
          keytool,
          "-exportcert",
          "-rfc",
          "-alias",
          "idp",
          "-keystore",
          keystore.toString(),
          "-storepass",
          password,
          "-file",
          certificate.toString());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, password.toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, password.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    server.createContext(
        "/jwks",
        exchange -> {
          hits.incrementAndGet();
          try {
            Thread.sleep(delayMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          if (cacheControl != null) {
            exchange.getResponseHeaders().add("Cache-Control", cacheControl);
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          try (var out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, bytes.length);
            out.write(bytes);
          } catch (IOException clientGaveUp) {
            // the verifier's time-out closed the connection
          }
        });
    server.setExecutor(executor);
    server.start();
  }

  private static void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("keytool failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The JWKS endpoint. */
  public String location() {
    return "https://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
  }

  /** The server certificate, PEM: what a verifier must trust. */
  public Path certificate() {
    return certificate;
  }

  /** Serves the public keys of {@code keys} (by {@code kid}) as a JWKS, RS256, from now on. */
  public void serve(Map<String, KeyPair> keys) {
    serveBody(jwks(keys));
  }

  /** Serves this body as it is (garbage, a PEM, an oversized set). */
  public void serveBody(String body) {
    this.body = body;
  }

  /** Sends this {@code Cache-Control} header from now on (null: none). */
  public void cacheControl(String value) {
    this.cacheControl = value;
  }

  /** Waits this long before answering, from now on. */
  public void delay(long millis) {
    this.delayMillis = millis;
  }

  /** Requests served so far. */
  public int hits() {
    return hits.get();
  }

  /** The public keys as a JWKS document. */
  public static String jwks(Map<String, KeyPair> keys) {
    StringBuilder b = new StringBuilder("{\"keys\":[");
    keys.forEach(
        (kid, kp) -> {
          PublicJsonWebKey jwk;
          try {
            jwk = PublicJsonWebKey.Factory.newPublicJwk(kp.getPublic());
          } catch (JoseException e) {
            throw new IllegalStateException(e);
          }
          jwk.setKeyId(kid);
          jwk.setAlgorithm("RS256");
          jwk.setUse("sig");
          if (b.charAt(b.length() - 1) != '[') {
            b.append(',');
          }
          b.append(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
    return b.append("]}").toString();
  }

  /** Stops serving: the identity provider goes away. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
