package dev.vertxshop.orders.domain;

/** An order names a product that the catalogue does not have. */
public final class UnknownProductException extends RuntimeException {

  private final String productId;

  public UnknownProductException(String productId) {
    super("The catalogue has no product " + productId, null, false, false);
    this.productId = productId;
  }

  public String productId() {
    return productId;
  }
}
