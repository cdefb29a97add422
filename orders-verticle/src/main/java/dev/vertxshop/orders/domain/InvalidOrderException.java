package dev.vertxshop.orders.domain;

/** An order request that breaks a rule of the domain; the message says which. */
public final class InvalidOrderException extends IllegalArgumentException {

  public InvalidOrderException(String message) {
    super(message);
  }
}
