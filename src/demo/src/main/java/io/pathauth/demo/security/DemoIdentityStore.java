package io.pathauth.demo.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * Demo users from MicroProfile Config, with PBKDF2 password hashes checked by Jakarta Security's
 * {@link Pbkdf2PasswordHash}:
 *
 * <pre>
 * demo.user.alice.password=PBKDF2WithHmacSHA512:210000:&lt;salt&gt;:&lt;hash&gt;
 * demo.user.alice.groups=user
 * </pre>
 *
 * An unknown user costs one hash verification too, so response time does not reveal which user
 * names exist.
 */
@ApplicationScoped
public class DemoIdentityStore implements IdentityStore {

  private static final Pattern KEY = Pattern.compile("demo\\.user\\.([^.]+)\\.password");

  private record User(String hash, Set<String> groups) {}

  @Inject Config config;
  @Inject Pbkdf2PasswordHash passwordHash;

  private Map<String, User> users;
  private String dummyHash;

  @PostConstruct
  void load() {
    passwordHash.initialize(Map.of());
    Map<String, User> loaded = new HashMap<>();
    for (String key : config.getPropertyNames()) {
      Matcher m = KEY.matcher(key);
      if (m.matches()) {
        String name = m.group(1);
        Set<String> groups = new LinkedHashSet<>();
        config
            .getOptionalValue("demo.user." + name + ".groups", String.class)
            .ifPresent(
                g ->
                    Arrays.stream(g.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .forEach(groups::add));
        loaded.put(name, new User(config.getValue(key, String.class).trim(), groups));
      }
    }
    users = Map.copyOf(loaded);
    dummyHash =
        users.values().stream()
            .map(User::hash)
            .findFirst()
            .orElseGet(() -> passwordHash.generate("pathauth-dummy".toCharArray()));
  }

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (!(credential instanceof UsernamePasswordCredential upc)) {
      return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
    User user = users.get(upc.getCaller());
    char[] password = upc.getPassword().getValue();
    boolean ok = passwordHash.verify(password, user == null ? dummyHash : user.hash());
    if (user == null || !ok) {
      return CredentialValidationResult.INVALID_RESULT;
    }
    return new CredentialValidationResult(upc.getCaller(), user.groups());
  }
}
