/**
 * Cluster-wide state: the {@link io.pathauth.state.KeyValueStore} the shared revocation list,
 * refresh tokens and login throttle are built on, and its JCache implementation.
 */
package io.pathauth.state;
