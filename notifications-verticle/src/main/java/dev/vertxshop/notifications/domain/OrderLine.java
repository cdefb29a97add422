package dev.vertxshop.notifications.domain;

/** One item of an order as the customer is told about it: which product, how many, at what unit price. */
public record OrderLine(String productId, int quantity, long unitPriceCents) {

  public OrderLine {
    if (productId == null || productId.isBlank()) {
      throw new InvalidOrderException("an item has no productId");
    }
    if (quantity < 1) {
      throw new InvalidOrderException("item " + productId + " has quantity " + quantity + ", less than 1");
    }
    if (unitPriceCents < 0) {
      throw new InvalidOrderException("item " + productId + " has a negative unit price");
    }
    try {
      Math.multiplyExact(unitPriceCents, quantity);
    } catch (ArithmeticException e) {
      throw new InvalidOrderException("item " + productId + " costs more than can be counted");
    }
  }

  /** Quantity times unit price. */
  public long lineTotalCents() {
    return unitPriceCents * quantity;
  }
}
