package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.util.ArrayList;
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

  @Test
  void picksPortsBelowTheEphemeralRangeThatCanBeBound() throws Exception {
    for (int port : FreePorts.pick(20)) {
      assertThat(port).isBetween(20_000, 32_767);
      try (ServerSocket socket = new ServerSocket(port)) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void neverPicksAPortInUse() throws Exception {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int port : FreePorts.pick(200)) {
        held.add(new ServerSocket(port));
      }
      Set<Integer> taken = new HashSet<>();
      held.forEach(socket -> taken.add(socket.getLocalPort()));

      assertThat(FreePorts.pick(200)).doesNotContainAnyElementsOf(taken);
    } finally {
      for (ServerSocket socket : held) {
        socket.close();
      }
    }
  }
}
