package dev.vertxshop.inventory.domain;

/** One line of a reservation request: how many units of which product. */
public record RequestedItem(String productId, int quantity) {

  public static final int MAX_QUANTITY = 1000;

  public RequestedItem {
    Identifiers.requireValid("productId", productId);
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      throw new InvalidInputException("quantity must be between 1 and " + MAX_QUANTITY);
    }
  }
}
