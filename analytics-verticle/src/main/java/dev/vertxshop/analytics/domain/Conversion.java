package dev.vertxshop.analytics.domain;

import java.util.OptionalDouble;

/**
 * How many orders were completed and cancelled over some time, and the revenue of the completed
 * ones.
 */
public record Conversion(long ordersCompleted, long ordersCancelled, long revenueCents) {

  /** Nothing happened. */
  public static final Conversion NONE = new Conversion(0, 0, 0);

  public Conversion {
    if (ordersCompleted < 0 || ordersCancelled < 0 || revenueCents < 0) {
      throw new InvalidInputException("order counts and revenue must not be negative");
    }
  }

  public Conversion plus(Conversion other) {
    return new Conversion(
        Math.addExact(ordersCompleted, other.ordersCompleted),
        Math.addExact(ordersCancelled, other.ordersCancelled),
        Math.addExact(revenueCents, other.revenueCents));
  }

  /** Orders that ended one way or the other. */
  public long ordersSettled() {
    return ordersCompleted + ordersCancelled;
  }

  /**
   * The share of settled orders that were completed, from 0 to 1; empty when no order was settled
   * (no rate can be told, which is not the same as a rate of 0).
   */
  public OptionalDouble conversionRate() {
    long settled = ordersSettled();
    return settled == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) ordersCompleted / settled);
  }
}
