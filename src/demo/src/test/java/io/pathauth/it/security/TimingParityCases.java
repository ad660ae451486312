package io.pathauth.it.security;

import io.pathauth.it.support.TimingParity;
import java.net.URL;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The four timing-parity cases ({@link TimingParity}), the same for every identity store: a
 * subclass deploys the demo with its store and says where alice's password comes from.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class TimingParityCases {

  /** The store's name in the report. */
  protected abstract String store();

  /** The deployment's URL. */
  @ArquillianResource URL base;

  /** alice's right password in this store. */
  protected abstract String alicePassword();

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheForm_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(base, store(), true, "alice", alicePassword());
  }

  @Test
  void whenAKnownUserGivesAWrongPasswordOrAnUnknownUserTriesTheGrant_thenBothCostTheSame() {
    TimingParity.wrongPasswordVsUnknownUser(base, store(), false, "alice", alicePassword());
  }

  @Test
  void whenAKnownAccountOrAnUnknownNameIsThrottledOnTheForm_thenBothCostTheSame() {
    TimingParity.throttledKnownVsUnknown(base, store(), true, "bob", "mallory");
  }

  @Test
  void whenAKnownAccountOrAnUnknownNameIsThrottledOnTheGrant_thenBothCostTheSame() {
    TimingParity.throttledKnownVsUnknown(base, store(), false, "bob", "mallory");
  }
}
