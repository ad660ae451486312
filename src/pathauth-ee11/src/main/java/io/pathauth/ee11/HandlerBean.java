package io.pathauth.ee11;

import io.pathauth.mechanism.PathAuthMechanism;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.interceptor.Interceptor;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanismHandler;

/**
 * {@link PathAuthMechanismHandler} as an enabled alternative, priority {@code LIBRARY_BEFORE} (an
 * application's own handler, at {@code APPLICATION}, wins over it). Loaded only where the handler
 * type exists ({@link HandlerExtension}).
 */
final class HandlerBean {

  private HandlerBean() {}

  static void register(AfterBeanDiscovery event) {
    event
        .addBean()
        .beanClass(PathAuthMechanismHandler.class)
        .types(HttpAuthenticationMechanismHandler.class, Object.class)
        .scope(ApplicationScoped.class)
        .alternative(true)
        .priority(Interceptor.Priority.LIBRARY_BEFORE)
        .produceWith(
            beans -> new PathAuthMechanismHandler(beans.select(PathAuthMechanism.class).get()));
  }
}
