package dev.vertxshop.inventory.domain;

/**
 * A product with its stock: {@code available} units can be reserved now, {@code reserved} units are
 * held by reservations that are neither cancelled nor committed yet.
 */
public record Product(String productId, String name, long priceCents, long available, long reserved) {

  public static final long MAX_PRICE_CENTS = 100_000_000L;

  public Product {
    Identifiers.requireValid("productId", productId);
    if (name == null || name.isBlank()) {
      throw new InvalidInputException("name must not be blank");
    }
    requirePrice(priceCents);
    if (available < 0) {
      throw new InvalidInputException("available stock must not be negative");
    }
    if (reserved < 0) {
      throw new InvalidInputException("reserved stock must not be negative");
    }
  }

  /** A new product as defined, with nothing reserved yet. */
  public static Product from(ProductDefinition definition) {
    return new Product(definition.productId(), definition.name(), definition.priceCents(), definition.available(), 0);
  }

  static void requirePrice(long priceCents) {
    if (priceCents < 0 || priceCents > MAX_PRICE_CENTS) {
      throw new InvalidInputException("priceCents must be between 0 and " + MAX_PRICE_CENTS);
    }
  }
}
