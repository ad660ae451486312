package io.pathauth.path;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named rule: which mechanism applies to which paths, optionally only for some HTTP methods (an
 * empty method set means every method).
 */
public record PathRule(
    String name, List<PathPattern> patterns, Mechanism mechanism, Set<String> methods) {

  public PathRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mechanism, "mechanism");
    patterns = List.copyOf(patterns);
    methods = Set.copyOf(methods);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("rule '" + name + "' has no paths");
    }
  }

  /** Whether this rule applies to {@code method} (HTTP methods are case-sensitive). */
  public boolean appliesTo(String method) {
    return methods.isEmpty() || methods.contains(method);
  }

  /** Whether two rules could both apply to one request method. */
  boolean methodsOverlap(PathRule other) {
    if (methods.isEmpty() || other.methods.isEmpty()) {
      return true;
    }
    return methods.stream().anyMatch(other.methods::contains);
  }
}
