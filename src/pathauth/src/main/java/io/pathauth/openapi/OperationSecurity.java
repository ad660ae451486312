package io.pathauth.openapi;

import io.pathauth.config.SessionSettings;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathMatcher;
import io.pathauth.path.PathPattern;
import io.pathauth.path.PathRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which mechanisms pathauth applies to an OpenAPI operation, from the path rules: the part of the
 * OpenAPI filter that needs no OpenAPI implementation. A templated path ({@code /api/ping/{via}})
 * is tried with every exact rule path it matches and with one value no rule names, so an operation
 * that spans several rules lists all their mechanisms.
 */
final class OperationSecurity {

  private static final Pattern TEMPLATE = Pattern.compile("\\{[^}]*\\}");

  /** A segment value that no rule path is expected to spell. */
  private static final String ANY_SEGMENT = "pathauth-openapi-any";

  private final PathMatcher matcher;
  private final List<PathRule> rules;
  private final SessionSettings session;

  OperationSecurity(List<PathRule> rules, PathMatcher matcher, SessionSettings session) {
    this.rules = List.copyOf(rules);
    this.matcher = matcher;
    this.session = session;
  }

  /**
   * The mechanisms that can apply to {@code method} on the (possibly templated) OpenAPI path; the
   * session login page and {@code j_security_check} count as {@code none}, since they are how a
   * caller logs in.
   */
  Set<Mechanism> mechanisms(String template, String method) {
    Set<Mechanism> found = EnumSet.noneOf(Mechanism.class);
    for (String path : candidates(template)) {
      Mechanism m = matcher.match(path, method).mechanism();
      if (m == Mechanism.SESSION && session.isLoginPath(path)) {
        m = Mechanism.NONE;
      }
      found.add(m);
    }
    return found;
  }

  private List<String> candidates(String template) {
    if (!template.contains("{")) {
      return List.of(template);
    }
    List<String> paths = new ArrayList<>();
    paths.add(TEMPLATE.matcher(template).replaceAll(ANY_SEGMENT));
    Pattern shape = shape(template);
    for (PathRule rule : rules) {
      for (PathPattern p : rule.patterns()) {
        if (p.kind() == PathPattern.Kind.EXACT && shape.matcher(p.value()).matches()) {
          paths.add(p.value());
        }
      }
    }
    return paths;
  }

  /** The template as a regular expression: each {@code {name}} is one non-empty path segment. */
  private static Pattern shape(String template) {
    StringBuilder regex = new StringBuilder();
    var m = TEMPLATE.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last)));
    return Pattern.compile(regex.toString());
  }
}
