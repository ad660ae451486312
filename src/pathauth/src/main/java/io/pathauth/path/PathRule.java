package io.pathauth.path;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A named rule: which mechanism applies to which paths, optionally only for some HTTP methods (an
 * empty method set means every method), and what it demands of the caller afterwards.
 */
public record PathRule(
    String name,
    List<PathPattern> patterns,
    Mechanism mechanism,
    Set<String> methods,
    AccessPolicy access,
    String qualifier) {

  public PathRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(mechanism, "mechanism");
    Objects.requireNonNull(access, "access");
    patterns = List.copyOf(patterns);
    methods = Set.copyOf(methods);
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("rule '" + name + "' has no paths");
    }
    if ((mechanism == Mechanism.APPLICATION) != (qualifier != null && !qualifier.isBlank())) {
      // the application's mechanism is named by its qualifier, and only that mechanism has one
      throw new IllegalArgumentException(
          "rule '" + name + "': a qualifier goes with mechanism application, and only with it");
    }
    if (mechanism == Mechanism.NONE && access.requiresCaller()) {
      // nothing authenticates a caller on a none path, so the rule could only ever refuse
      throw new IllegalArgumentException(
          "rule '" + name + "' has mechanism none, which authenticates no caller for its policy");
    }
  }

  /** A rule of one of pathauth's own mechanisms (no qualifier). */
  public PathRule(
      String name,
      List<PathPattern> patterns,
      Mechanism mechanism,
      Set<String> methods,
      AccessPolicy access) {
    this(name, patterns, mechanism, methods, access, null);
  }

  /** A rule that demands nothing beyond its mechanism ({@link AccessPolicy#PERMIT}). */
  public PathRule(
      String name, List<PathPattern> patterns, Mechanism mechanism, Set<String> methods) {
    this(name, patterns, mechanism, methods, AccessPolicy.PERMIT);
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
