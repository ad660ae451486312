package io.pathauth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ContainerLoginTest {

  @Test
  void whenNamesAndGroupsShareSeparators_thenTheKeysStillDiffer() {
    assertNotEquals(
        ContainerLogin.identityKey("a:b", Set.of("c")),
        ContainerLogin.identityKey("a", Set.of("b:c")));
    assertNotEquals(
        ContainerLogin.identityKey("a", Set.of("b|1:c")),
        ContainerLogin.identityKey("a", Set.of("b", "c")));
    assertNotEquals(
        ContainerLogin.identityKey("alice", Set.of()),
        ContainerLogin.identityKey("alice", Set.of("")));
  }

  @Test
  void whenGroupsComeInAnotherOrder_thenTheKeyIsTheSame() {
    assertEquals(
        ContainerLogin.identityKey("bob", new LinkedHashSet<>(List.of("user", "admin"))),
        ContainerLogin.identityKey("bob", new LinkedHashSet<>(List.of("admin", "user"))));
  }

  @Test
  void whenContextPathsDiffer_thenTheCacheKeysDiffer() {
    String id = ContainerLogin.identityKey("alice", Set.of("user"));
    assertNotEquals(ContainerLogin.cacheKey("/a", id), ContainerLogin.cacheKey("/b", id));
    assertNotEquals(ContainerLogin.cacheKey("/a:1", "x"), ContainerLogin.cacheKey("/a", "1:x"));
    assertEquals(ContainerLogin.cacheKey("/a", id), ContainerLogin.cacheKey("/a", id));
  }

  @Test
  void whenTheCallerIsARegistryUser_thenTheKeyIsNotThatOfTheSameNameFromAToken() {
    String id = ContainerLogin.identityKey("alice", Set.of("user"));
    assertNotEquals(
        ContainerLogin.containerKey("/a", id, true), ContainerLogin.containerKey("/a", id, false));
  }
}
