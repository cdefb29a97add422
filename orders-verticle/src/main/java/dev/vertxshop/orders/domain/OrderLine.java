package dev.vertxshop.orders.domain;

/** One line of an order request: a product and how many units of it, not yet priced. */
public record OrderLine(String productId, int quantity) {

  public static final int MAX_QUANTITY = 1000;

  public OrderLine {
    ProductIds.require(productId);
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new InvalidOrderException("quantity of " + productId + " must be 1.." + MAX_QUANTITY + ", not " + quantity);
    }
  }
}
