package io.pathauth.jwt;

/**
 * pathauth's own verification keys, as the key-routing step sees them: the issuer implements it, so
 * that the verifier never depends on the issuer (the issuer depends on the verifier).
 */
public interface OwnKeys {

  /** Whether {@code kid} names one of pathauth's own current or retiring keys. */
  boolean knows(String kid);

  /** The public keys as a JWKS document. */
  String jwks();

  /**
   * Changes whenever the key set changes (rotation), so that verifiers built from it are redone.
   */
  long version();
}
