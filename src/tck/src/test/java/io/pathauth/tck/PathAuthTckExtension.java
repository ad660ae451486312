package io.pathauth.tck;

import org.jboss.arquillian.container.test.spi.client.deployment.ApplicationArchiveProcessor;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Makes pathauth the MP-JWT implementation of every MicroProfile JWT TCK deployment ({@code ./mvnw
 * -Ptck verify}). Registered for all Arquillian runs; it acts on TCK test classes only.
 */
public final class PathAuthTckExtension implements LoadableExtension {

  /** The package of the TCK's test classes. */
  static final String TCK_PACKAGE = "org.eclipse.microprofile.jwt.tck.";

  @Override
  public void register(ExtensionBuilder builder) {
    builder.service(ApplicationArchiveProcessor.class, PathAuthArchiveProcessor.class);
    builder.observer(TckBaseUrl.class);
  }

  static boolean isTck(Class<?> testClass) {
    return testClass.getName().startsWith(TCK_PACKAGE);
  }
}
