package io.pathauth.tck;

import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.test.spi.event.suite.BeforeClass;

/**
 * The TCK's key-location-URL tests build their deployment and their client calls from the system
 * property {@code mp.jwt.tck.jwks.baseURL}, "the location of your container JAX-RS root" (TCK
 * README). On Liberty and WildFly that root is the WAR's own context root, {@code /<WarName>/}, and
 * every TCK class deploys a WAR named after itself; so the property is set per class, before
 * Arquillian asks the class for its deployment.
 */
public final class TckBaseUrl {

  static final String PROPERTY = "mp.jwt.tck.jwks.baseURL";

  public void beforeClass(@Observes(precedence = 100) BeforeClass event) {
    Class<?> testClass = event.getTestClass().getJavaClass();
    if (PathAuthTckExtension.isTck(testClass)) {
      System.setProperty(
          PROPERTY,
          "http://localhost:"
              + System.getProperty("pathauth.tck.http.port", "19080")
              + "/"
              + testClass.getSimpleName()
              + "/");
    }
  }
}
