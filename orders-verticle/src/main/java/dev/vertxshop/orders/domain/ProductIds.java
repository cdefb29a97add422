package dev.vertxshop.orders.domain;

import java.util.regex.Pattern;

/** The product id rule that the catalogue uses. */
final class ProductIds {

  private static final Pattern PRODUCT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

  private ProductIds() {}

  static String require(String productId) {
    if (productId == null || !PRODUCT_ID.matcher(productId).matches()) {
      throw new InvalidOrderException("'" + productId + "' is not a product id");
    }
    return productId;
  }
}
