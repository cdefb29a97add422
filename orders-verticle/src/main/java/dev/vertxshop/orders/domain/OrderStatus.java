package dev.vertxshop.orders.domain;

/** What the customer sees: PENDING while the saga runs, then CONFIRMED or REJECTED for good. */
public enum OrderStatus {
  PENDING,
  CONFIRMED,
  REJECTED;

  public boolean isFinal() {
    return this != PENDING;
  }
}
