package dev.vertxshop.orders.application;

/** The catalogue could not be read, so an order cannot be priced now; retrying later may work. */
public final class CatalogueUnavailableException extends RuntimeException {

  public CatalogueUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
