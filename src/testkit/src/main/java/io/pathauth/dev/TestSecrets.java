package io.pathauth.dev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * TEST ONLY. Fresh random passwords for the users of a server's own registry, written where each
 * server and the tests read them, so that no password is ever committed:
 *
 * <ul>
 *   <li>{@code DIR/liberty/variables/legacy.password.USER}: an Open Liberty variable file (the
 *       server's {@code variables/} folder), read by {@code <basicRegistry>} as {@code
 *       ${legacy.password.USER}};
 *   <li>{@code DIR/payara/postboot.txt} and {@code DIR/payara/USER.password}: Payara Micro's
 *       post-boot commands that add each user to the file realm with its groups;
 *   <li>{@code DIR/passwords.properties}: the same passwords for the tests.
 * </ul>
 *
 * <p>Arguments: {@code DIR USER[:GROUP,GROUP...] ...}. An existing {@code passwords.properties} is
 * kept, so a second build reuses the passwords of a server it already created.
 */
public final class TestSecrets {

  private static final SecureRandom RANDOM = new SecureRandom();

  private TestSecrets() {}

  /** A fresh random password (144 bits, URL-safe characters). */
  public static String randomPassword() {
    byte[] bytes = new byte[18];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: DIR USER[:GROUP,GROUP...] ...");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Path file = dir.resolve("passwords.properties");
    Properties passwords = new Properties();
    if (Files.exists(file)) {
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        passwords.load(in);
      }
    }
    Path variables = Files.createDirectories(dir.resolve("liberty").resolve("variables"));
    Path payara = Files.createDirectories(dir.resolve("payara"));
    StringBuilder postboot = new StringBuilder();
    for (int i = 1; i < args.length; i++) {
      String[] parts = args[i].split(":", 2);
      String user = parts[0];
      String password = passwords.getProperty(user);
      if (password == null) {
        password = randomPassword();
        passwords.setProperty(user, password);
      }
      Files.writeString(variables.resolve("legacy.password." + user), password);
      Path passwordFile = payara.resolve(user + ".password");
      Files.writeString(passwordFile, "AS_ADMIN_USERPASSWORD=" + password + "\n");
      postboot
          .append("create-file-user --authrealmname file --passwordfile ")
          .append(passwordFile.toAbsolutePath())
          .append(
              parts.length > 1 && !parts[1].isEmpty()
                  ? " --groups " + parts[1].replace(',', ':')
                  : "")
          .append(' ')
          .append(user)
          .append('\n');
    }
    Files.writeString(payara.resolve("postboot.txt"), postboot.toString());
    try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      passwords.store(out, "TEST ONLY: random passwords of the test registry's users");
    }
  }
}
