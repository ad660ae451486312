package io.pathauth.issuer;

import io.pathauth.state.KeyValueStore;
import java.util.UUID;

/**
 * The cluster's revocation epoch: one shared key whose value is replaced by a new random one after
 * every write that can revoke something (a bearer logout, a forced logout, a revoked refresh
 * family). A node may reuse a "not revoked" answer for as long as the epoch still has the value it
 * read before computing that answer ({@link RevocationAnswers}).
 *
 * <p>Why this keeps the guarantee that a revocation on one node is refused by every other node on
 * its very next request: the writer replaces the epoch after the revocation is stored and before it
 * answers its client, and every read of the shared store goes to the key's owner (JCache on
 * Hazelcast), so any request that starts after that answer reads the new value and asks the stores
 * again. A random value, not a counter, so that no compare-and-set is needed and no value comes
 * back (a lost or expired key reads as the empty value: also a change).
 */
public final class RevocationEpoch {

  static final String KEY = "epoch";

  private final KeyValueStore store;

  /**
   * @param store a shared store for the one key
   */
  public RevocationEpoch(KeyValueStore store) {
    this.store = store;
  }

  /** After a revocation has been stored: every remembered "not revoked" answer is void. */
  public void advance() {
    store.put(KEY, UUID.randomUUID().toString());
  }

  /** The current value (one read of the shared store). */
  public String current() {
    return store.get(KEY).orElse("");
  }
}
