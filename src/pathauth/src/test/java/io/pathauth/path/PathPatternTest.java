package io.pathauth.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathPatternTest {

  @Test
  void whenParsed_thenKindFollowsServletMappingSyntax() {
    assertEquals(
        new PathPattern(PathPattern.Kind.EXACT, "/app/login"), PathPattern.parse("/app/login"));
    assertEquals(new PathPattern(PathPattern.Kind.PREFIX, "/api"), PathPattern.parse(" /api/* "));
    assertEquals(new PathPattern(PathPattern.Kind.PREFIX, ""), PathPattern.parse("/*"));
    assertEquals(new PathPattern(PathPattern.Kind.EXTENSION, "html"), PathPattern.parse("*.html"));
  }

  @Test
  void whenPrinted_thenTheOriginalSyntaxComesBack() {
    assertEquals("/api/*", PathPattern.parse("/api/*").toString());
    assertEquals("*.jsp", PathPattern.parse("*.jsp").toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "api/*", "/api/*/x", "/a*b", "*.", "*.a/b", "/api//x", "/a/../b", "**"})
  void whenPatternIsMalformed_thenRejected(String raw) {
    assertThrows(IllegalArgumentException.class, () -> PathPattern.parse(raw));
  }

  @Test
  void whenPrefixMatches_thenOnlyAtSegmentBoundaries() {
    PathPattern p = PathPattern.parse("/api/*");
    assertTrue(p.matches("/api"));
    assertTrue(p.matches("/api/"));
    assertTrue(p.matches("/api/x/y"));
    assertFalse(p.matches("/apix"));
    assertFalse(p.matches("/ap"));
  }

  @Test
  void whenExtensionMatches_thenOnlyTheLastSegmentCounts() {
    PathPattern p = PathPattern.parse("*.html");
    assertTrue(p.matches("/a/b.html"));
    assertFalse(p.matches("/a/b.htmlx"));
    assertFalse(p.matches("/a.html/b"));
    assertFalse(p.matches("/a/bhtml"));
  }
}
