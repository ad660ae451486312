package io.pathauth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a value sits in a token's claims: member names separated by {@code /}, walking into nested
 * objects ({@code realm_access/roles}, {@code resource_access/orders-api/roles}). The syntax is
 * smallrye-jwt's ({@code smallrye.jwt.path.groups}): a name that itself holds a {@code /}, such as
 * Auth0's namespaced claims, is written in double quotes ({@code "https://example.com/roles"}). A
 * {@code *} segment stands for every member of an object or every element of an array.
 *
 * @param segments the member names, {@code *} for "every"
 * @param text the path as configured, for messages
 */
public record ClaimPath(List<String> segments, String text) {

  /** Any member, any element. */
  public static final String EVERY = "*";

  public ClaimPath {
    segments = List.copyOf(segments);
  }

  /**
   * Parses {@code text}.
   *
   * @param key the configuration key that holds it, named in any error
   * @throws PathAuthConfigException when the path is empty, has an empty segment or an unclosed
   *     quote
   */
  public static ClaimPath parse(String key, String text) {
    List<String> segments = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        wasQuoted = true;
      } else if (c == '/' && !quoted) {
        segments.add(segment(key, text, current, wasQuoted));
        current.setLength(0);
        wasQuoted = false;
      } else {
        current.append(c);
      }
    }
    if (quoted) {
      throw new PathAuthConfigException(key, "unclosed quote in claim path '" + text + "'");
    }
    segments.add(segment(key, text, current, wasQuoted));
    return new ClaimPath(segments, text);
  }

  private static String segment(String key, String text, StringBuilder s, boolean quoted) {
    String segment = quoted ? s.toString() : s.toString().trim();
    if (segment.isEmpty()) {
      throw new PathAuthConfigException(key, "empty name in claim path '" + text + "'");
    }
    // a quoted "*" is a member named *, not the wildcard
    return quoted && segment.equals(EVERY) ? "\u0000*" : segment;
  }

  /** Whether the path can reach more than one value ({@code *}). */
  public boolean fansOut() {
    return segments.contains(EVERY);
  }

  /**
   * Every value the path reaches in {@code claims} (empty when a member is missing on the way).
   * Values are as the JSON parser gives them: {@code String}, {@code Number}, {@code Boolean},
   * {@code List}, {@code Map}.
   */
  public List<Object> find(Map<String, Object> claims) {
    List<Object> found = new ArrayList<>();
    walk(claims, 0, found);
    return found;
  }

  private void walk(Object node, int index, List<Object> found) {
    if (index == segments.size()) {
      found.add(node);
      return;
    }
    String name = segments.get(index);
    if (name.equals(EVERY)) {
      if (node instanceof Map<?, ?> map) {
        for (Object child : map.values()) {
          walk(child, index + 1, found);
        }
      } else if (node instanceof List<?> list) {
        for (Object child : list) {
          walk(child, index + 1, found);
        }
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      Object child = map.get(name.startsWith("\u0000") ? name.substring(1) : name);
      if (child != null) {
        walk(child, index + 1, found);
      }
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
