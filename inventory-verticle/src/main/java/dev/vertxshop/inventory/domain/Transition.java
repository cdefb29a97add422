package dev.vertxshop.inventory.domain;

import java.util.List;

/** The outcome of asking a reservation to change state (cancel or commit). */
public sealed interface Transition permits Transition.Changed, Transition.Unchanged, Transition.Refused {

  /** The reservation after the request: the new state, the unchanged one, or the one that refused. */
  Reservation reservation();

  /** The state changed; {@code stockChanges} are what must be applied to the products with it. */
  record Changed(Reservation reservation, List<StockChange> stockChanges) implements Transition {
    public Changed {
      stockChanges = List.copyOf(stockChanges);
    }
  }

  /** The reservation already was in the requested state: repeating a request changes nothing. */
  record Unchanged(Reservation reservation) implements Transition {}

  /** The reservation is in a state the request cannot leave. */
  record Refused(Reservation reservation, Refusal refusal) implements Transition {}
}
