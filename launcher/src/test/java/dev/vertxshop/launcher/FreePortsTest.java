package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

  @Test
  void picksDistinctPorts() {
    List<Integer> ports = FreePorts.pick(20);

    assertThat(new HashSet<>(ports)).hasSize(20);
  }

  @Test
  void neverPicksAnExcludedPortEvenWhenItIsFreeNow() {
    // These ports were free a moment ago and are free again: the system may well hand them out again.
    Set<Integer> promisedToOthers = new HashSet<>(FreePorts.pick(50));

    for (int round = 0; round < 5; round++) {
      assertThat(FreePorts.pick(50, promisedToOthers)).doesNotContainAnyElementsOf(promisedToOthers).hasSize(50);
    }
  }
}
