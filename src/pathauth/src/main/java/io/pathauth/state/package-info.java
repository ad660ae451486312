/**
 * Cluster-wide state: the {@link io.pathauth.state.KeyValueStore} the shared revocation list,
 * refresh tokens and login throttle are built on, and its JCache implementation; and {@link
 * io.pathauth.state.StateUnavailableException}, thrown by any state store that cannot read or write
 * what it keeps.
 */
package io.pathauth.state;
