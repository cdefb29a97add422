package dev.vertxshop.orders.domain;

/** One priced line of an order. */
public record OrderItem(String productId, int quantity, long unitPriceCents) {

  public OrderItem {
    new OrderLine(productId, quantity);
    if (unitPriceCents < 0) {
      throw new IllegalArgumentException("unit price of " + productId + " is negative: " + unitPriceCents);
    }
  }

  /** The unpriced line: what a reservation asks for. */
  public OrderLine line() {
    return new OrderLine(productId, quantity);
  }

  /** Quantity times unit price; fails with ArithmeticException rather than overflow. */
  public long lineTotalCents() {
    return Math.multiplyExact(unitPriceCents, (long) quantity);
  }
}
