package io.pathauth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.pathauth.config.PathAuthConfigException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class IdentitySourceTest {

  private static Config config(Map<String, String> values) {
    return new SmallRyeConfigBuilder()
        .withSources(new PropertiesConfigSource(values, "test", 100))
        .build();
  }

  @Test
  void whenUnset_thenAutoPicksTheApplicationsStoresOrElseTheServerRegistry() {
    IdentitySource auto = IdentitySource.from(config(Map.of()));
    assertEquals(IdentitySource.AUTO, auto);
    assertEquals(IdentitySource.APPLICATION, auto.resolve(true));
    assertEquals(IdentitySource.SERVER, auto.resolve(false));
  }

  @Test
  void whenChosen_thenItHoldsWhateverTheApplicationDefines() {
    assertEquals(
        IdentitySource.SERVER,
        IdentitySource.from(config(Map.of(IdentitySource.KEY, "Server"))).resolve(true));
    assertEquals(
        IdentitySource.APPLICATION,
        IdentitySource.from(config(Map.of(IdentitySource.KEY, "application"))).resolve(false));
  }

  @Test
  void whenUnknown_thenRefusedNamingTheKey() {
    PathAuthConfigException e =
        assertThrows(
            PathAuthConfigException.class,
            () -> IdentitySource.from(config(Map.of(IdentitySource.KEY, "ldap"))));
    assertEquals(IdentitySource.KEY, e.key());
  }
}
