package io.pathauth.path;

import java.util.Objects;

/**
 * One servlet-style path pattern: exact ({@code /app/login}), prefix ({@code /api/*}) or extension
 * ({@code *.html}). Patterns are matched against the container-normalised path inside the
 * application ({@code servletPath + pathInfo}), never against the raw request URI.
 */
public record PathPattern(Kind kind, String value) {

  /** Pattern kinds, most specific first. */
  public enum Kind {
    EXACT,
    PREFIX,
    EXTENSION
  }

  public PathPattern {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /**
   * Parses one pattern.
   *
   * @throws IllegalArgumentException with a human-readable reason when the pattern is not valid
   */
  public static PathPattern parse(String raw) {
    String p = raw == null ? "" : raw.trim();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty path pattern");
    }
    if (p.startsWith("*.")) {
      String ext = p.substring(2);
      if (ext.isEmpty() || ext.contains("/") || ext.contains("*") || ext.contains(".")) {
        throw new IllegalArgumentException("bad extension pattern '" + raw + "'");
      }
      return new PathPattern(Kind.EXTENSION, ext);
    }
    if (!p.startsWith("/")) {
      throw new IllegalArgumentException("path pattern '" + raw + "' must start with '/' or '*.'");
    }
    if (p.endsWith("/*")) {
      String base = p.substring(0, p.length() - 2);
      checkLiteral(raw, base);
      return new PathPattern(Kind.PREFIX, base);
    }
    checkLiteral(raw, p);
    return new PathPattern(Kind.EXACT, p);
  }

  private static void checkLiteral(String raw, String literal) {
    if (literal.contains("*")) {
      throw new IllegalArgumentException(
          "path pattern '" + raw + "': '*' is only allowed as a trailing '/*' or a leading '*.'");
    }
    if (literal.contains("//") || literal.contains("/./") || literal.contains("/../")) {
      throw new IllegalArgumentException("path pattern '" + raw + "' is not normalised");
    }
  }

  /** Whether {@code path} (normalised, starting with '/') matches this pattern. */
  public boolean matches(String path) {
    return switch (kind) {
      case EXACT -> path.equals(value);
      case PREFIX ->
          value.isEmpty()
              || path.equals(value)
              || (path.startsWith(value) && path.charAt(value.length()) == '/');
      case EXTENSION -> {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        yield dot > slash && path.length() - dot - 1 == value.length() && path.endsWith(value);
      }
    };
  }

  @Override
  public String toString() {
    return switch (kind) {
      case EXACT -> value;
      case PREFIX -> value + "/*";
      case EXTENSION -> "*." + value;
    };
  }
}
