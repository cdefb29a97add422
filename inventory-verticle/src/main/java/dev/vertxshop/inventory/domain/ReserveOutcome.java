package dev.vertxshop.inventory.domain;

/** The answer to a reservation request: reserved, already known, or refused with the product at fault. */
public sealed interface ReserveOutcome
    permits ReserveOutcome.Reserved, ReserveOutcome.AlreadyExists, ReserveOutcome.UnknownProduct, ReserveOutcome.InsufficientStock {

  /** Every item was reserved. */
  record Reserved(Reservation reservation) implements ReserveOutcome {}

  /** A reservation with that id existed already; it is returned as it stands and nothing changed. */
  record AlreadyExists(Reservation reservation) implements ReserveOutcome {}

  /** An item names no product; nothing was reserved. */
  record UnknownProduct(String productId) implements ReserveOutcome {}

  /** An item asks for more units than are available; nothing was reserved. */
  record InsufficientStock(String productId, int requested, long available) implements ReserveOutcome {}
}
