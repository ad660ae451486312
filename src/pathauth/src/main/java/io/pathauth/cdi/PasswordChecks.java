package io.pathauth.cdi;

import io.pathauth.identity.IdentitySource;
import io.pathauth.identity.IdentityStorePasswords;
import io.pathauth.identity.PasswordCheck;
import io.pathauth.identity.ServerRegistryPasswords;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import java.util.logging.Logger;

/**
 * The one {@link PasswordCheck} of the application, shared by the form login and the password
 * grant: the application's identity stores, or the server's registry when the application has none
 * ({@link IdentitySource}).
 */
@ApplicationScoped
public class PasswordChecks {

  private static final Logger LOG = Logger.getLogger(PasswordChecks.class.getName());

  @Inject PathAuthExtension extension;
  @Inject IdentityStoreHandler handler;

  private IdentitySource source;
  private PasswordCheck check;

  @PostConstruct
  void init() {
    source = extension.identitySource().resolve(extension.applicationHasIdentityStore());
    check =
        source == IdentitySource.SERVER
            ? new ServerRegistryPasswords()
            : new IdentityStorePasswords(handler);
    LOG.info(
        () ->
            "pathauth: passwords are checked against "
                + (source == IdentitySource.SERVER
                    ? "the server's user registry"
                    : "the application's identity stores"));
  }

  /** The check in force. */
  public PasswordCheck check() {
    return check;
  }

  /** Whether passwords (and so callers) come from the server's own registry. */
  public boolean serverRegistry() {
    return source == IdentitySource.SERVER;
  }
}
