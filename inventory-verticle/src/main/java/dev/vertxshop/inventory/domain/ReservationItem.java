package dev.vertxshop.inventory.domain;

/** One line of a reservation, with the unit price the product had when the stock was reserved. */
public record ReservationItem(String productId, int quantity, long unitPriceCents) {

  public ReservationItem {
    Identifiers.requireValid("productId", productId);
    if (quantity < 1) {
      throw new InvalidInputException("quantity must be at least 1");
    }
    Product.requirePrice(unitPriceCents);
  }

  /** Quantity times unit price; throws {@link ArithmeticException} rather than wrap around. */
  public long lineTotalCents() {
    return Math.multiplyExact(unitPriceCents, (long) quantity);
  }
}
