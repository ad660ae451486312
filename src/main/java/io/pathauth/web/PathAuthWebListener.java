package io.pathauth.web;

import io.pathauth.cdi.PathAuthExtension;
import io.pathauth.config.SessionSettings;
import io.pathauth.path.Mechanism;
import io.pathauth.session.LogoutServlet;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import java.util.EnumSet;

/**
 * Registers pathauth's servlet pieces: the {@link PathAuthFilter} in front of everything, and the
 * logout servlet at {@code pathauth.session.logout-path}.
 */
@WebListener
public class PathAuthWebListener implements ServletContextListener {

  @Inject PathAuthExtension extension;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    event
        .getServletContext()
        .addFilter(
            "pathauth",
            new PathAuthFilter(
                extension.config().realm(), extension.config().session().loginPage()))
        .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
    if (!extension.config().uses(Mechanism.SESSION)) {
      return;
    }
    SessionSettings session = extension.config().session();
    ServletRegistration.Dynamic logout =
        event
            .getServletContext()
            .addServlet("pathauth-logout", new LogoutServlet(session.logoutRedirect()));
    logout.addMapping(session.logoutPath());
  }
}
