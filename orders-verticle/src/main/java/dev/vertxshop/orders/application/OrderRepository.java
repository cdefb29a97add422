package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.Saga;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.UUID;

/** Where orders are kept. */
public interface OrderRepository {

  /** Stores a new order, its items and its saga record atomically (all or nothing). */
  Future<Void> create(Order order, Saga saga);

  /** The order with its items, or empty. */
  Future<Optional<Order>> find(UUID orderId);
}
