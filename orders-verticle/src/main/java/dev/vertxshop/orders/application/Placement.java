package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Order;
import java.util.Objects;

/**
 * The answer to placing an order: the order as it stood when the answer was due, and whether its
 * saga had finished by then.
 */
public record Placement(Order order, boolean finished) {

  public Placement {
    Objects.requireNonNull(order, "order");
  }

  public static Placement finished(Order order) {
    return new Placement(order, true);
  }

  public static Placement pending(Order order) {
    return new Placement(order, false);
  }
}
