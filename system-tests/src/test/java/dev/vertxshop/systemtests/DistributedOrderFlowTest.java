package dev.vertxshop.systemtests;

import java.util.Map;

/**
 * The end-to-end scenarios against the shop as three clustered JVMs — orders; inventory and
 * payments; fraud, notifications and analytics — whose services find each other through the
 * cluster.
 */
class DistributedOrderFlowTest extends OrderFlowSuite {

  @Override
  EventShop startShop() {
    return EventShop.clustered(EventShop.THREE_JVMS, Map.of());
  }
}
