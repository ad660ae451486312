package io.pathauth.it.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Properties;
import org.jboss.shrinkwrap.api.ArchivePath;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Integration-test deployments: the WAR that {@code mvn package} built, unchanged but for its
 * {@code microprofile-config.properties}, which each scenario adjusts. The context root is {@code
 * /pathauth} in every scenario.
 */
public final class Scenarios {

  public static final String CONFIG = "WEB-INF/classes/META-INF/microprofile-config.properties";

  private Scenarios() {}

  /** The demo as shipped, trusting {@link TestKeys#TRUSTED} and requiring the test audience. */
  public static WebArchive demo() {
    return demoWith(Map.of());
  }

  /** The demo scenario with further config overrides (a value of {@code ""} removes the key). */
  public static WebArchive demoWith(Map<String, String> overrides) {
    return demoWith("pathauth.war", overrides);
  }

  /** Like {@link #demoWith(Map)} under another archive name. */
  public static WebArchive demoWith(String archiveName, Map<String, String> overrides) {
    Map<String, String> all = new java.util.HashMap<>();
    all.put("mp.jwt.verify.publickey", TestKeys.trustedPublicKeyPem());
    all.put("mp.jwt.verify.audiences", Tokens.AUDIENCE);
    all.put("pathauth.state.dir", freshStateDir());
    all.putAll(overrides);
    return withConfig(archiveName, all);
  }

  /** A new, empty directory for pathauth's persistent state (keys, revocations, refresh tokens). */
  public static String freshStateDir() {
    try {
      return java.nio.file.Files.createTempDirectory("pathauth-state-").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The packaged WAR with config overrides; a value of {@code ""} removes the key.
   *
   * @param overrides keys to set or (with an empty value) remove
   */
  public static WebArchive withConfig(Map<String, String> overrides) {
    return withConfig("pathauth.war", overrides);
  }

  /**
   * Like {@link #withConfig(Map)} under another archive name (Arquillian needs distinct names for
   * several deployments of one test class; the context root follows the name).
   */
  public static WebArchive withConfig(String archiveName, Map<String, String> overrides) {
    File war = new File(System.getProperty("pathauth.war", "target/pathauth.war"));
    WebArchive archive =
        ShrinkWrap.create(ZipImporter.class, archiveName).importFrom(war).as(WebArchive.class);
    Properties props = new Properties();
    ArchivePath path = org.jboss.shrinkwrap.api.ArchivePaths.create(CONFIG);
    try (InputStream in = archive.get(path).getAsset().openStream()) {
      props.load(in);
      overrides.forEach(
          (k, v) -> {
            if (v.isEmpty()) {
              props.remove(k);
            } else {
              props.setProperty(k, v);
            }
          });
      StringWriter out = new StringWriter();
      props.store(out, "pathauth integration-test scenario");
      archive.delete(path);
      archive.add(new StringAsset(out.toString()), path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return archive;
  }
}
