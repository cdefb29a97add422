package dev.vertxshop.orders.domain;

import java.util.Map;
import java.util.Optional;

/** Unit prices from the catalogue, by product id; products the catalogue lacks are absent. */
public record PriceList(Map<String, Long> unitPricesCents) {

  public PriceList {
    unitPricesCents = Map.copyOf(unitPricesCents);
    unitPricesCents.forEach((productId, price) -> {
      if (price < 0) {
        throw new IllegalArgumentException("price of " + productId + " is negative: " + price);
      }
    });
  }

  public Optional<Long> unitPriceOf(String productId) {
    return Optional.ofNullable(unitPricesCents.get(productId));
  }
}
