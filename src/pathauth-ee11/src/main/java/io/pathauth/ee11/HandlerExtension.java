package io.pathauth.ee11;

import io.pathauth.cdi.ApplicationMechanisms;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.Extension;

/**
 * Registers pathauth's handler ({@link HandlerBean}) where the server has Jakarta Security 4.0, and
 * does nothing where it has 3.0: there pathauth's mechanism is the application's only one and the
 * container asks it directly.
 *
 * <p>A synthetic bean rather than an annotated class, so that this jar needs no {@code beans.xml}:
 * a Jakarta EE 10 server that scans a bean archive loads every class in it, and warns for the
 * handler, whose interface it lacks. For the same reason no member of this class (lambdas included)
 * names a Jakarta Security 4.0 type: Weld reflects on every method of an extension, and ignores the
 * extension, with a warning, when one of them cannot be resolved.
 */
public class HandlerExtension implements Extension {

  void afterBeanDiscovery(@Observes AfterBeanDiscovery event) {
    if (ApplicationMechanisms.handlerType().isPresent()) {
      HandlerBean.register(event);
    }
  }
}
