package io.pathauth.bench.load.floor;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Hashtable;
import java.util.Set;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * BENCHMARK ONLY: the floor of a Jakarta Security mechanism on the server it runs on
 * (BENCHMARKS.md, "The floor"). It checks nothing: every request whose URI does not end in {@code
 * /none} becomes the fixed caller {@code alice} in group {@code user}, handed to the container the
 * cheapest way the server allows. On Open Liberty that is the way pathauth's {@code ContainerLogin}
 * does it: a Subject-cache key for the identity in the login's hashtable, so Liberty reuses the
 * Subject instead of running a JAAS login and signing an LTPA token for every request. With {@code
 * floor.cache-key=false} (MicroProfile Config) it leaves the key out: the naive mechanism, which
 * shows what the key is worth. Never part of the pathauth WAR.
 */
@ApplicationScoped
public class FloorMechanism implements HttpAuthenticationMechanism {

  /**
   * Open Liberty's hashtable-login cache key (the same attribute pathauth's ContainerLogin sets).
   */
  private static final String LIBERTY_CACHE_KEY = "com.ibm.wsspi.security.cred.cacheKey";

  private static final CallerPrincipal ALICE = new CallerPrincipal("alice");
  private static final Set<String> GROUPS = Set.of("user");

  private String cacheKey;

  @PostConstruct
  void init() {
    boolean keyed =
        ConfigProvider.getConfig().getOptionalValue("floor.cache-key", Boolean.class).orElse(true);
    // One key per deployment, as pathauth's (Liberty's authentication cache is one per server).
    cacheKey = keyed ? "floor:" + System.identityHashCode(this) + ":alice|user" : null;
  }

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext ctx) {
    if (request.getRequestURI().endsWith("/none")) {
      return ctx.doNothing();
    }
    AuthenticationStatus status = ctx.notifyContainerAboutLogin(ALICE, GROUPS);
    if (cacheKey != null && status == AuthenticationStatus.SUCCESS) {
      for (Object credential : ctx.getClientSubject().getPrivateCredentials()) {
        if (credential instanceof Hashtable<?, ?> table) {
          @SuppressWarnings("unchecked")
          Hashtable<String, Object> login = (Hashtable<String, Object>) table;
          login.put(LIBERTY_CACHE_KEY, cacheKey);
        }
      }
    }
    return status;
  }
}
