package io.pathauth.cdi;

import io.pathauth.config.PathAuthConfigException;
import io.pathauth.config.PathRules;
import io.pathauth.path.Mechanism;
import io.pathauth.path.PathRule;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The application's own {@code HttpAuthenticationMechanism} beans that path rules with {@code
 * mechanism=application} name by their qualifier. Such beans can only sit next to pathauth's on
 * Jakarta Security 4.0 (Jakarta EE 11), where the handler of {@code io.pathauth:pathauth-ee11}
 * hands every request to pathauth's mechanism, which delegates these paths.
 */
public final class ApplicationMechanisms {

  /** Jakarta Security 4.0's handler type, looked up by name: pathauth also runs on 3.0. */
  public static final String HANDLER_TYPE =
      "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler";

  private ApplicationMechanisms() {}

  /** The mechanism bean whose qualifier has the class name {@code qualifier} (. or $ nesting). */
  public static Optional<Bean<?>> bean(BeanManager beans, String qualifier) {
    for (Bean<?> bean : beans.getBeans(HttpAuthenticationMechanism.class, Any.Literal.INSTANCE)) {
      for (Annotation q : bean.getQualifiers()) {
        Class<? extends Annotation> type = q.annotationType();
        if (qualifier.equals(type.getName()) || qualifier.equals(type.getCanonicalName())) {
          return Optional.of(bean);
        }
      }
    }
    return Optional.empty();
  }

  /** A contextual reference to the mechanism bean named by {@code qualifier}. */
  public static HttpAuthenticationMechanism reference(BeanManager beans, String qualifier) {
    Bean<?> bean =
        bean(beans, qualifier)
            .orElseThrow(
                () -> new IllegalStateException("no mechanism bean with qualifier " + qualifier));
    return (HttpAuthenticationMechanism)
        beans.getReference(
            bean, HttpAuthenticationMechanism.class, beans.createCreationalContext(bean));
  }

  /** Whether this server and application can send a rule's paths to another mechanism. */
  enum Handler {
    /** Jakarta Security 3.0: one mechanism per application, pathauth's. */
    MISSING_TYPE,
    /**
     * Jakarta Security 4.0, but no pathauth handler: {@code io.pathauth:pathauth-ee11} is absent.
     */
    MISSING_MODULE,
    /** pathauth's handler takes every request to pathauth's mechanism. */
    PRESENT
  }

  /**
   * What is wrong with the rules of {@code mechanism=application} on this server, each naming its
   * key: such rules need Jakarta Security 4.0, pathauth's handler, and a mechanism bean with the
   * rule's qualifier.
   */
  static List<PathAuthConfigException> problems(
      List<PathRule> rules, BeanManager beans, Handler handler) {
    List<PathAuthConfigException> problems = new ArrayList<>();
    for (PathRule rule : rules) {
      if (rule.mechanism() != Mechanism.APPLICATION) {
        continue;
      }
      String base = PathRules.RULE_PREFIX + rule.name() + ".";
      switch (handler) {
        case MISSING_TYPE ->
            problems.add(
                new PathAuthConfigException(
                    base + "mechanism",
                    "application needs Jakarta Security 4.0 (Jakarta EE 11): on this server an"
                        + " application can have only one authentication mechanism, pathauth's"));
        case MISSING_MODULE ->
            problems.add(
                new PathAuthConfigException(
                    base + "mechanism",
                    "application needs io.pathauth:pathauth-ee11 in the application (its"
                        + " HttpAuthenticationMechanismHandler hands the paths to pathauth)"));
        case PRESENT -> {
          if (bean(beans, rule.qualifier()).isEmpty()) {
            problems.add(
                new PathAuthConfigException(
                    base + "qualifier",
                    "no HttpAuthenticationMechanism bean of the application has the qualifier "
                        + rule.qualifier()));
          }
        }
      }
    }
    return problems;
  }

  /**
   * Whether this server has Jakarta Security 4.0's handler type and the application pathauth's
   * handler bean (pathauth-ee11 registers it, with {@code io.pathauth} bean class, where the type
   * exists). The server's default handler would refuse two mechanisms.
   */
  static Handler handler(BeanManager beans) {
    Optional<Class<?>> type = handlerType();
    if (type.isEmpty()) {
      return Handler.MISSING_TYPE;
    }
    boolean ours =
        beans.getBeans(type.get(), Any.Literal.INSTANCE).stream()
            .anyMatch(b -> b.getBeanClass().getName().startsWith("io.pathauth."));
    return ours ? Handler.PRESENT : Handler.MISSING_MODULE;
  }

  /**
   * Jakarta Security 4.0's {@code HttpAuthenticationMechanismHandler}, where the server has it
   * (pathauth-ee11's extension asks too). Loaded by name: pathauth also runs on 3.0.
   */
  public static Optional<Class<?>> handlerType() {
    try {
      return Optional.of(
          Class.forName(HANDLER_TYPE, false, ApplicationMechanisms.class.getClassLoader()));
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.empty();
    }
  }
}
