package io.pathauth.it.support;

import io.pathauth.dev.DevTokens;
import io.pathauth.support.TestSettings;
import java.security.KeyPair;

/** Key pairs generated once per test JVM: nothing secret is committed. */
public final class TestKeys {

  /** The key the deployed WAR trusts. */
  public static final KeyPair TRUSTED = rsa();

  /** A key the WAR does not trust. */
  public static final KeyPair ATTACKER = rsa();

  private TestKeys() {}

  /** The trusted public key as PEM, for {@code mp.jwt.verify.publickey}. */
  public static String trustedPublicKeyPem() {
    return DevTokens.pem("PUBLIC KEY", TRUSTED.getPublic().getEncoded());
  }

  private static KeyPair rsa() {
    return TestSettings.rsa();
  }
}
