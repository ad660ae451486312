package io.pathauth.bench.load;

import io.pathauth.bench.load.floor.FloorApi;
import io.pathauth.bench.load.floor.FloorMechanism;
import io.pathauth.bench.load.plain.PlainMpJwtApi;
import io.pathauth.bench.load.plain.PlainPing;
import io.pathauth.demo.api.PingResource;
import io.pathauth.dev.DevTokens;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * BENCHMARK ONLY. Prepares the inputs of {@code bench/load.sh}: {@code LoadPrep KEYDIR OUTDIR N}
 * writes, signed with the dev key in KEYDIR,
 *
 * <ul>
 *   <li>{@code repeated.token}: one RS256 token for alice;
 *   <li>{@code fresh.tokens}: N distinct RS256 tokens, one per line (distinct {@code jti});
 *   <li>{@code plain-mpjwt.war}: the plain MP-JWT comparison app, verifying the same key inline;
 *   <li>{@code plain-mpjwt-location.war}: the same, reading the key from {@code
 *       mp.jwt.verify.publickey.location};
 *   <li>{@code floor.war}: the demo's ping endpoint behind {@link FloorMechanism}, a mechanism that
 *       checks nothing (the floor of any mechanism); {@code floor-naive.war}: the same without the
 *       Subject-cache key;
 *   <li>{@code heapbench.hash}: a PBKDF2 hash (1,000 iterations) for the session-heap run.
 * </ul>
 */
public final class LoadPrep {

  /** How long the prepared tokens are valid; a full run takes under an hour. */
  private static final int TOKEN_HOURS = 4;

  private LoadPrep() {}

  public static void main(String[] args) throws Exception {
    Path keys = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int fresh = Integer.parseInt(args[2]);
    DevTokens.ensureKeys(keys);
    PrivateKey key = DevTokens.readPrivateKey(keys.resolve("private.pem"));
    Files.createDirectories(out);
    Files.writeString(out.resolve("repeated.token"), token(key) + "\n");
    // The session-heap run's user: 1,000 PBKDF2 iterations, so that 10,000 logins take seconds.
    Files.writeString(
        out.resolve("heapbench.hash"), DevTokens.pbkdf2("heapbench-password".toCharArray(), 1000));
    Path freshFile = out.resolve("fresh.tokens");
    // made anew when too few, or too old to outlast a run: they expire TOKEN_HOURS after they are
    // made
    if (!Files.exists(freshFile)
        || lines(freshFile) < fresh
        || Files.getLastModifiedTime(freshFile)
            .toInstant()
            .isBefore(Instant.now().minus(Duration.ofHours(TOKEN_HOURS - 2)))) {
      List<String> tokens = IntStream.range(0, fresh).parallel().mapToObj(i -> token(key)).toList();
      try (BufferedWriter w = Files.newBufferedWriter(freshFile)) {
        for (String t : tokens) {
          w.write(t);
          w.newLine();
        }
      }
    }
    plainWar(
        "mp.jwt.verify.publickey=" + inlinePem(Files.readString(keys.resolve("public.pem"))),
        out.resolve("plain-mpjwt.war"));
    plainWar(
        "mp.jwt.verify.publickey.location=" + keys.resolve("public.pem").toAbsolutePath().toUri(),
        out.resolve("plain-mpjwt-location.war"));
    floorWar("floor.cache-key=true\n", out.resolve("floor.war"));
    floorWar("floor.cache-key=false\n", out.resolve("floor-naive.war"));
    System.out.println("load-prep: " + fresh + " fresh tokens and the comparison WARs in " + out);
  }

  private static long lines(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines.count();
    }
  }

  private static String token(PrivateKey key) {
    return DevTokens.token(key, "alice", Set.of("user"), TOKEN_HOURS * 3600);
  }

  /**
   * PEM with its armour on three lines ({@code \\n} escapes in a properties file): Liberty's mpJwt
   * does not take bare base64, and Payara's does not take the armour on one line.
   */
  private static String inlinePem(String publicPem) {
    return "-----BEGIN PUBLIC KEY-----\\n"
        + publicPem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "")
        + "\\n-----END PUBLIC KEY-----";
  }

  private static void plainWar(String keyConfig, Path target) {
    String config =
        keyConfig
            + "\nmp.jwt.verify.issuer="
            + DevTokens.ISSUER
            + "\nmp.jwt.verify.publickey.algorithm=RS256\n";
    export(
        ShrinkWrap.create(WebArchive.class, target.getFileName().toString())
            .addClasses(PlainMpJwtApi.class, PlainPing.class),
        config,
        target);
  }

  private static void floorWar(String config, Path target) {
    export(
        ShrinkWrap.create(WebArchive.class, target.getFileName().toString())
            .addClasses(FloorApi.class, FloorMechanism.class, PingResource.class),
        config,
        target);
  }

  private static void export(WebArchive archive, String config, Path target) {
    WebArchive war =
        archive
            .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties")
            .addAsWebInfResource(
                new StringAsset(
                    "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                        + " bean-discovery-mode=\"all\"/>"),
                "beans.xml");
    try {
      war.as(ZipExporter.class).exportTo(target.toFile(), true);
    } catch (RuntimeException e) {
      throw new UncheckedIOException(new IOException("could not write " + target, e));
    }
  }
}
