package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The domain event told to the rest of the shop when an order is settled for good: completed
 * (confirmed) or cancelled (rejected, with its reason). It is stored with the write that ends the
 * order's saga, so there is exactly one per order, and none for an order whose saga never ends.
 *
 * @param eventId unique per event; consumers deduplicate by it
 * @param order the order as the saga left it, CONFIRMED or REJECTED
 * @param at when the order was settled
 */
public record OrderSettled(UUID eventId, Order order, Instant at) {

  /** How the order was settled. */
  public enum Outcome {
    /** The order was confirmed: stock reserved and payment taken. */
    COMPLETED,
    /** The order was rejected, and whatever had been done for it was undone. */
    CANCELLED
  }

  public OrderSettled {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(at, "at");
    if (!order.status().isFinal()) {
      throw new IllegalArgumentException("order " + order.id() + " is " + order.status() + ": it is not settled");
    }
  }

  /**
   * The event of a saga write: present when {@code saga} is over (the write ends it), with {@code
   * order} as the saga settles it.
   */
  public static Optional<OrderSettled> of(Saga saga, Order settled, UUID eventId, Instant at) {
    if (!saga.isTerminal()) {
      return Optional.empty();
    }
    if (!saga.orderId().equals(settled.id()) || settled.status() != saga.state().orderStatus()) {
      throw new IllegalArgumentException("saga " + saga.orderId() + " (" + saga.state() + ") does not settle order "
          + settled.id() + " as " + settled.status());
    }
    return Optional.of(new OrderSettled(eventId, settled, at));
  }

  public Outcome outcome() {
    return order.status() == OrderStatus.CONFIRMED ? Outcome.COMPLETED : Outcome.CANCELLED;
  }

  public UUID orderId() {
    return order.id();
  }

  /** Why the order was cancelled; empty for a completed order. */
  public Optional<RejectionReason> reason() {
    return Optional.ofNullable(order.reason());
  }
}
