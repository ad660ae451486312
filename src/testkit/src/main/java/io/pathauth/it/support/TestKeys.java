package io.pathauth.it.support;

import io.pathauth.dev.DevTokens;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

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
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
