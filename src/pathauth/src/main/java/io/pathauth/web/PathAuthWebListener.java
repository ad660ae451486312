package io.pathauth.web;

import io.pathauth.admin.AdminServlet;
import io.pathauth.cdi.PasswordChecks;
import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.cdi.PathAuthRuntime;
import io.pathauth.config.PathAuthConfig;
import io.pathauth.config.TokenSettings;
import io.pathauth.issuer.web.BearerLogoutServlet;
import io.pathauth.issuer.web.JwksServlet;
import io.pathauth.issuer.web.TokenEndpoint;
import io.pathauth.path.Mechanism;
import io.pathauth.session.LogoutServlet;
import io.pathauth.session.PasswordLogin;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Registers pathauth's servlet pieces: the {@link PathAuthFilter} in front of everything, the
 * session registry, the logout servlet at {@code pathauth.session.logout-path}, and, when pathauth
 * issues tokens, the token endpoint, bearer logout, JWKS and the admin API.
 */
@WebListener
public class PathAuthWebListener implements ServletContextListener {

  @Inject PathAuthExtension extension;
  @Inject PasswordChecks passwords;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext context = event.getServletContext();
    PathAuthRuntime runtime = extension.runtime();
    PathAuthConfig config = runtime.config();
    context
        .addFilter(
            "pathauth",
            new PathAuthFilter(
                config.realm(), config.session().loginPage(), config.jwt().tokenInCookie()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    context.addListener(runtime.sessions());
    // Roles named only in path rules are roles of the application too: declared, isUserInRole
    // answers for them as for roles the application declares itself.
    String[] ruleRoles =
        config.rules().stream()
            .flatMap(r -> r.access().roles().stream())
            .distinct()
            .toArray(String[]::new);
    if (ruleRoles.length > 0) {
      context.declareRoles(ruleRoles);
    }
    if (config.uses(Mechanism.SESSION)) {
      context
          .addServlet(
              "pathauth-logout",
              new LogoutServlet(config.session().logoutRedirect(), runtime.events()))
          .addMapping(config.session().logoutPath());
    }
    if (runtime.tokens().isPresent()) {
      TokenSettings t = config.token();
      context
          .addServlet(
              "pathauth-token",
              new TokenEndpoint(
                  runtime.tokens().get(),
                  new PasswordLogin(passwords.check(), runtime.throttle(), runtime.events()),
                  id -> runtime.sessionEnded(id, runtime.timestamps().clock().instant()),
                  runtime.events()))
          .addMapping(t.tokenPath());
      context
          .addServlet(
              "pathauth-bearer-logout",
              new BearerLogoutServlet(runtime.tokens().get(), config.realm(), runtime.events()))
          .addMapping(t.logoutPath());
      context
          .addServlet("pathauth-jwks", new JwksServlet(runtime.keys().orElseThrow()))
          .addMapping(t.jwksPath());
      context.declareRoles(t.adminRole());
      var admin =
          context.addServlet("pathauth-admin", new AdminServlet(runtime.admin().orElseThrow()));
      admin.addMapping(t.adminPath() + "/*");
      admin.setServletSecurity(
          new ServletSecurityElement(
              new HttpConstraintElement(
                  jakarta.servlet.annotation.ServletSecurity.TransportGuarantee.NONE,
                  t.adminRole())));
    }
  }
}
