package io.pathauth.web;

import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

/**
 * Registers pathauth's servlet pieces when the application starts (the composition root, {@link
 * PathAuthWiring}, knows them): the {@link PathAuthFilter} in front of everything, the session
 * registry, the logout servlet at {@code pathauth.session.logout-path}, and, when pathauth issues
 * tokens, the token endpoint, bearer logout, JWKS and the admin API.
 */
@WebListener
public class PathAuthWebListener implements ServletContextListener {

  @Inject PathAuthWiring wiring;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    wiring.register(event.getServletContext());
  }
}
