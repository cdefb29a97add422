package dev.vertxshop.orders.application;

import io.vertx.core.Future;

/** Where order events are published (the {@code orders} topic). */
public interface OrderEventPublisher {

  /** Completes once the broker acknowledged {@code event}; fails when it did not in time. */
  Future<Void> publish(OutboxEvent event);
}
