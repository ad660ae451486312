package io.pathauth.ee11;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Registers {@link PathAuthMechanismHandler} as an enabled alternative (priority {@code
 * LIBRARY_BEFORE}: an application's own handler, at {@code APPLICATION}, wins) where the server has
 * Jakarta Security 4.0, and does nothing where it has 3.0: there pathauth's mechanism is the
 * application's only one and the container asks it directly.
 *
 * <p>A synthetic bean rather than an annotated class, so that this jar needs no {@code beans.xml}:
 * a Jakarta EE 10 server that scans a bean archive loads every class in it, and warns for the
 * handler, whose interface it lacks. This class names the handler only in {@link #register}, which
 * runs where the handler's interface is present.
 */
public class HandlerExtension implements Extension {

  static final String HANDLER_TYPE =
      "jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler";

  void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
    if (handlerTypeAvailable()) {
      HandlerBean.register(event);
    }
  }

  static boolean handlerTypeAvailable() {
    try {
      Class.forName(HANDLER_TYPE, false, HandlerExtension.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
