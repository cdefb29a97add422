package dev.vertxshop.inventory.domain;

/**
 * What an administrator sets on a product: its name, its price and how many units can be reserved.
 * The units already reserved are not part of it, they belong to reservations.
 */
public record ProductDefinition(String productId, String name, long priceCents, long available) {

  public static final int MAX_NAME_LENGTH = 200;
  public static final long MAX_AVAILABLE = 1_000_000_000L;

  public ProductDefinition {
    Identifiers.requireValid("productId", productId);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name must not be blank");
    }
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      throw new InvalidInputException("name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    Product.requirePrice(priceCents);
    if (available < 0 || available > MAX_AVAILABLE) {
      throw new InvalidInputException("available must be between 0 and " + MAX_AVAILABLE);
    }
  }
}
