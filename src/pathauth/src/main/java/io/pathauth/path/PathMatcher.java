package io.pathauth.path;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Immutable path-rule matcher. The most specific pattern wins, as in servlet mappings: an exact
 * path, then the longest prefix, then an extension; when no rule applies the default mechanism
 * does. A rule restricted to some HTTP methods is skipped for other methods, so the next most
 * specific rule (or the default) applies to those.
 *
 * <p>Two rules with the same pattern whose method sets overlap are ambiguous and rejected when the
 * matcher is built.
 */
public final class PathMatcher {

  /**
   * The result of a lookup, decided once per request: the rule that applied (or none, and the
   * default mechanism), and what is demanded of the caller.
   */
  public record Match(PathRule rule, Mechanism mechanism) {
    /** The rule's name, or {@code "default"}. */
    public String ruleName() {
      return rule == null ? "default" : rule.name();
    }

    /** The rule's access policy; {@link AccessPolicy#PERMIT} where no rule applied. */
    public AccessPolicy access() {
      return rule == null ? AccessPolicy.PERMIT : rule.access();
    }
  }

  private record Entry(PathPattern pattern, PathRule rule) {}

  private final Map<String, List<Entry>> exact;
  private final List<Entry> prefixes;
  private final Map<String, List<Entry>> extensions;
  private final Match defaultMatch;

  private PathMatcher(List<PathRule> rules, Mechanism defaultMechanism) {
    Map<String, List<Entry>> ex = new HashMap<>();
    List<Entry> pre = new ArrayList<>();
    Map<String, List<Entry>> ext = new HashMap<>();
    List<Entry> all = new ArrayList<>();
    for (PathRule rule : rules) {
      for (PathPattern pattern : rule.patterns()) {
        Entry entry = new Entry(pattern, rule);
        for (Entry seen : all) {
          if (seen.pattern.equals(pattern) && seen.rule.methodsOverlap(rule)) {
            throw new AmbiguousRuleException(seen.rule, rule, pattern);
          }
        }
        all.add(entry);
        switch (pattern.kind()) {
          case EXACT -> ex.computeIfAbsent(pattern.value(), k -> new ArrayList<>()).add(entry);
          case PREFIX -> pre.add(entry);
          case EXTENSION -> ext.computeIfAbsent(pattern.value(), k -> new ArrayList<>()).add(entry);
        }
      }
    }
    pre.sort(Comparator.comparingInt((Entry e) -> e.pattern.value().length()).reversed());
    ex.replaceAll((k, v) -> List.copyOf(v));
    ext.replaceAll((k, v) -> List.copyOf(v));
    this.exact = Map.copyOf(ex);
    this.prefixes = List.copyOf(pre);
    this.extensions = Map.copyOf(ext);
    this.defaultMatch = new Match(null, Objects.requireNonNull(defaultMechanism));
  }

  /**
   * Builds a matcher.
   *
   * @throws AmbiguousRuleException when two rules have equal specificity for the same path
   */
  public static PathMatcher of(List<PathRule> rules, Mechanism defaultMechanism) {
    return new PathMatcher(rules, defaultMechanism);
  }

  /**
   * Finds the rule for a request.
   *
   * @param path the normalised path inside the application ({@code servletPath + pathInfo})
   * @param method the HTTP method
   */
  public Match match(String path, String method) {
    String p = path == null || path.isEmpty() ? "/" : path;
    Entry hit = first(exact.get(p), method);
    if (hit == null) {
      for (Entry e : prefixes) {
        if (e.rule.appliesTo(method) && e.pattern.matches(p)) {
          hit = e;
          break;
        }
      }
    }
    if (hit == null) {
      int slash = p.lastIndexOf('/');
      int dot = p.lastIndexOf('.');
      if (dot > slash) {
        hit = first(extensions.get(p.substring(dot + 1)), method);
      }
    }
    return hit == null ? defaultMatch : new Match(hit.rule, hit.rule.mechanism());
  }

  /** The mechanism used when no rule applies. */
  public Mechanism defaultMechanism() {
    return defaultMatch.mechanism();
  }

  private static Entry first(List<Entry> candidates, String method) {
    if (candidates != null) {
      for (Entry e : candidates) {
        if (e.rule.appliesTo(method)) {
          return e;
        }
      }
    }
    return null;
  }

  /** Two rules of equal specificity for the same path and method. */
  public static final class AmbiguousRuleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient PathRule first;
    private final transient PathRule second;

    AmbiguousRuleException(PathRule first, PathRule second, PathPattern pattern) {
      super(
          "rules '"
              + first.name()
              + "' and '"
              + second.name()
              + "' both claim '"
              + pattern
              + "' for the same HTTP methods");
      this.first = first;
      this.second = second;
    }

    public PathRule first() {
      return first;
    }

    public PathRule second() {
      return second;
    }
  }
}
