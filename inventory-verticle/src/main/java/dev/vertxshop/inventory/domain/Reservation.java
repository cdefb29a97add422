package dev.vertxshop.inventory.domain;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Stock held for one order, and the rules of its life: RESERVED can become CANCELLED (the stock goes
 * back to available) or COMMITTED (the stock is gone for good); both end states are final, and asking
 * for the state a reservation is already in changes nothing.
 */
public record Reservation(String reservationId, ReservationStatus status, List<ReservationItem> items) {

  public Reservation {
    Identifiers.requireValid("reservationId", reservationId);
    if (status == null) {
      throw new InvalidInputException("status is required");
    }
    items = items == null ? List.of() : items.stream().sorted(Comparator.comparing(ReservationItem::productId)).toList();
    if (items.isEmpty() && status != ReservationStatus.CANCELLED) {
      throw new InvalidInputException("a " + status + " reservation must hold at least one item");
    }
    Set<String> seen = new HashSet<>();
    for (ReservationItem item : items) {
      if (!seen.add(item.productId())) {
        throw new InvalidInputException("product " + item.productId() + " appears more than once in items");
      }
    }
    totalCents(items);
  }

  /** A new reservation holding {@code items}. */
  public static Reservation reserved(String reservationId, List<ReservationItem> items) {
    return new Reservation(reservationId, ReservationStatus.RESERVED, items);
  }

  /**
   * What a cancel of an unknown reservation leaves behind: a cancelled reservation without items, so
   * that a reserve call arriving late for the same id reserves nothing.
   */
  public static Reservation tombstone(String reservationId) {
    return new Reservation(reservationId, ReservationStatus.CANCELLED, List.of());
  }

  /**
   * Cancelling a reservation nobody made (the cancel overtook the reserve) records a tombstone and
   * moves no stock.
   */
  public static Transition cancelUnknown(String reservationId) {
    return new Transition.Changed(tombstone(reservationId), List.of());
  }

  /** The sum of quantity times unit price over all items. */
  public long totalCents() {
    return totalCents(items);
  }

  /** Gives the reserved stock back: available grows and reserved shrinks by each item's quantity. */
  public Transition cancel() {
    return switch (status) {
      case RESERVED -> new Transition.Changed(withStatus(ReservationStatus.CANCELLED), changes(1, -1));
      case CANCELLED -> new Transition.Unchanged(this);
      case COMMITTED -> new Transition.Refused(this, Refusal.ALREADY_COMMITTED);
    };
  }

  /** Takes the reserved stock out for good: reserved shrinks, available stays as it is. */
  public Transition commit() {
    return switch (status) {
      case RESERVED -> new Transition.Changed(withStatus(ReservationStatus.COMMITTED), changes(0, -1));
      case COMMITTED -> new Transition.Unchanged(this);
      case CANCELLED -> new Transition.Refused(this, Refusal.ALREADY_CANCELLED);
    };
  }

  private Reservation withStatus(ReservationStatus next) {
    return new Reservation(reservationId, next, items);
  }

  private List<StockChange> changes(int availableSign, int reservedSign) {
    return items.stream()
        .map(item -> new StockChange(item.productId(), (long) availableSign * item.quantity(), (long) reservedSign * item.quantity()))
        .toList();
  }

  private static long totalCents(List<ReservationItem> items) {
    try {
      long total = 0;
      for (ReservationItem item : items) {
        total = Math.addExact(total, item.lineTotalCents());
      }
      return total;
    } catch (ArithmeticException e) {
      throw new InvalidInputException("the total price of the reservation is too large");
    }
  }
}
