package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import java.util.Objects;

/**
 * The answer to placing an order: the order as it stood when the answer was due, whether its saga
 * had finished by then, and whether the answer repeats an earlier request with the same
 * idempotency key.
 */
public record Placement(Order order, boolean finished, boolean replayed) {

  public Placement {
    Objects.requireNonNull(order, "order");
  }

  public static Placement finished(Order order) {
    return new Placement(order, true, false);
  }

  public static Placement pending(Order order) {
    return new Placement(order, false, false);
  }

  /** Finished when the order is CONFIRMED or REJECTED, pending while it is PENDING. */
  public static Placement of(Order order) {
    return new Placement(order, order.status().isFinal(), false);
  }

  /** The same answer, given again for a repeated request. */
  public Placement asReplay() {
    return new Placement(order, finished, true);
  }
}
