package dev.vertxshop.inventory.domain;

/** How a product's stock counters move when a reservation changes state. */
public record StockChange(String productId, long availableDelta, long reservedDelta) {

  public StockChange {
    Identifiers.requireValid("productId", productId);
  }
}
