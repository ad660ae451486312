package io.pathauth.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PathMatcherTest {

  private static PathRule rule(String name, Mechanism m, String... paths) {
    return new PathRule(name, Arrays.stream(paths).map(PathPattern::parse).toList(), m, Set.of());
  }

  private static PathRule rule(String name, Mechanism m, Set<String> methods, String... paths) {
    return new PathRule(name, Arrays.stream(paths).map(PathPattern::parse).toList(), m, methods);
  }

  private static final PathMatcher DEMO =
      PathMatcher.of(
          List.of(
              rule("app", Mechanism.SESSION, "/app/*"),
              rule("api", Mechanism.JWT, "/api/*"),
              rule("api-public", Mechanism.NONE, "/api/public/*"),
              rule("login", Mechanism.NONE, "/api/login"),
              rule("html", Mechanism.SESSION, "*.html"),
              rule("root", Mechanism.NONE, "/")),
          Mechanism.JWT);

  private static String name(String path) {
    return DEMO.match(path, "GET").ruleName();
  }

  @Test
  void whenExactPatternMatches_thenItBeatsEveryPrefix() {
    assertEquals("login", name("/api/login"));
  }

  @Test
  void whenSeveralPrefixesMatch_thenTheLongestWins() {
    assertEquals("api-public", name("/api/public/hello"));
    assertEquals("api-public", name("/api/public"));
    assertEquals("api", name("/api/me"));
  }

  @Test
  void whenPrefixMatches_thenItBeatsAnExtension() {
    assertEquals("app", name("/app/page.html"));
  }

  @Test
  void whenOnlyAnExtensionMatches_thenTheExtensionRuleApplies() {
    assertEquals("html", name("/docs/page.html"));
  }

  @Test
  void whenPrefixIsOnlyAStringPrefix_thenItDoesNotMatch() {
    assertEquals("default", name("/apiary"));
    assertEquals("default", name("/application"));
  }

  @Test
  void whenNothingMatches_thenTheDefaultMechanismApplies() {
    PathMatcher.Match m = DEMO.match("/other", "GET");
    assertEquals(Mechanism.JWT, m.mechanism());
    assertEquals("default", m.ruleName());
  }

  @Test
  void whenPathIsEmpty_thenItIsTheRoot() {
    assertEquals("root", name(""));
    assertEquals("root", name("/"));
  }

  @Test
  void whenExtensionHasADotOnlyInADirectory_thenNoExtensionMatch() {
    assertEquals("default", name("/v1.html/data"));
  }

  @Test
  void whenRuleIsRestrictedToMethods_thenOtherMethodsFallThroughToTheNextRule() {
    PathMatcher m =
        PathMatcher.of(
            List.of(
                rule("api", Mechanism.JWT, "/api/*"),
                rule("token", Mechanism.NONE, Set.of("POST"), "/api/token")),
            Mechanism.NONE);
    assertEquals("token", m.match("/api/token", "POST").ruleName());
    assertEquals("api", m.match("/api/token", "post").ruleName(), "methods are case-sensitive");
    assertEquals("api", m.match("/api/token", "GET").ruleName());
  }

  @Test
  void whenTwoRulesClaimTheSamePatternForOverlappingMethods_thenAmbiguous() {
    PathMatcher.AmbiguousRuleException e =
        assertThrows(
            PathMatcher.AmbiguousRuleException.class,
            () ->
                PathMatcher.of(
                    List.of(
                        rule("a", Mechanism.JWT, "/api/*"),
                        rule("b", Mechanism.SESSION, Set.of("GET"), "/api/*")),
                    Mechanism.NONE));
    assertEquals("b", e.second().name());
    assertTrue(e.getMessage().contains("'/api/*'"), e.getMessage());
  }

  @Test
  void whenSamePatternHasDisjointMethods_thenBothRulesCoexist() {
    PathMatcher m =
        PathMatcher.of(
            List.of(
                rule("read", Mechanism.JWT, Set.of("GET"), "/api/*"),
                rule("write", Mechanism.SESSION, Set.of("POST"), "/api/*")),
            Mechanism.NONE);
    assertEquals("read", m.match("/api/x", "GET").ruleName());
    assertEquals("write", m.match("/api/x", "POST").ruleName());
    assertEquals("default", m.match("/api/x", "DELETE").ruleName());
  }

  @Test
  void whenCatchAllPrefix_thenItLosesToEveryLongerPrefixButBeatsExtensions() {
    PathMatcher m =
        PathMatcher.of(
            List.of(
                rule("all", Mechanism.SESSION, "/*"),
                rule("api", Mechanism.JWT, "/api/*"),
                rule("css", Mechanism.NONE, "*.css")),
            Mechanism.NONE);
    assertEquals("api", m.match("/api/x", "GET").ruleName());
    assertEquals("all", m.match("/site.css", "GET").ruleName());
    assertEquals("all", m.match("/", "GET").ruleName());
  }
}
