package dev.vertxshop.inventory.domain;

/** Where a reservation is in its life: reserved first, then cancelled or committed, for good. */
public enum ReservationStatus {
  /** The stock is held: taken from available, counted as reserved. */
  RESERVED,
  /** The stock was given back (or never taken: a cancel that came before the reserve). */
  CANCELLED,
  /** The stock is gone for good: the order was paid. */
  COMMITTED
}
