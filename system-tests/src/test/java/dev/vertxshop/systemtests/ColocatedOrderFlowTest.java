package dev.vertxshop.systemtests;

import java.util.Map;

/** The end-to-end scenarios against every service in one JVM started from the fat jar. */
class ColocatedOrderFlowTest extends OrderFlowSuite {

  @Override
  EventShop startShop() {
    return EventShop.inOneJvm(Map.of());
  }
}
