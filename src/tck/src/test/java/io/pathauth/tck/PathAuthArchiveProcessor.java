package io.pathauth.tck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.test.spi.TestClass;
import org.jboss.shrinkwrap.api.Archive;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Adds pathauth to a TCK WAR the way a user adds it to an application: the {@code
 * io.pathauth:pathauth} artifact and its runtime dependencies, as Maven resolves them for a
 * dependent (the tck profile copies them into one folder), and one path rule that puts the whole
 * application on the jwt mechanism. The TCK's own {@code microprofile-config.properties} supplies
 * the {@code mp.jwt.*} keys, as it does for any MP-JWT implementation.
 *
 * <p>A WAR without any MicroProfile Config file configures no MP-JWT at all (the TCK's {@code
 * UnsecuredPingTest}): an application that uses no JWT, which a user gives no jwt path. Its rule is
 * {@code none}, so it deploys and serves its unsecured resources with pathauth in it. (pathauth
 * refuses to deploy a jwt path without a key: see docs/testing.md.)
 */
public final class PathAuthArchiveProcessor implements ApplicationArchiveProcessor {

  /**
   * pathauth's configuration for a TCK deployment: every path is a jwt path. MP-JWT asks that RSA
   * keys of 1024 bits verify (the TCK's {@code RsaKeySignatureTest}); pathauth refuses keys under
   * 2048 bits unless {@code pathauth.jwt.rsa-min-bits} says otherwise, so the TCK runs with the
   * spec's minimum.
   */
  static final String RULES =
      "pathauth.path.all.paths=/*\n"
          + "pathauth.path.all.mechanism=jwt\n"
          + "pathauth.jwt.rsa-min-bits=1024\n";

  /** pathauth's configuration for an application that configures no MP-JWT. */
  static final String NO_JWT =
      "pathauth.path.all.paths=/*\n" + "pathauth.path.all.mechanism=none\n";

  @Override
  public void process(Archive<?> archive, TestClass testClass) {
    if (!(archive instanceof WebArchive war)
        || !PathAuthTckExtension.isTck(testClass.getJavaClass())) {
      return;
    }
    war.addAsLibrary(
        ShrinkWrap.create(JavaArchive.class, "pathauth-tck-config.jar")
            .addAsManifestResource(
                new StringAsset(configuresMpJwt(war) ? RULES : NO_JWT),
                "microprofile-config.properties"));
    try (Stream<Path> jars = Files.list(dir("pathauth.tck.lib"))) {
      jars.filter(p -> p.toString().endsWith(".jar"))
          .forEach(p -> war.addAsLibrary(p.toFile(), p.getFileName().toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean configuresMpJwt(WebArchive war) {
    return war.getContent().keySet().stream()
        .anyMatch(path -> path.get().endsWith("microprofile-config.properties"));
  }

  private static Path dir(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      throw new IllegalStateException(
          "system property " + property + " must name a directory (set by the tck profile)");
    }
    return Path.of(value);
  }
}
