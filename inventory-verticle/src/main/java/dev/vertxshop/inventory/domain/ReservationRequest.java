package dev.vertxshop.inventory.domain;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A request to reserve every item of one order at once. The reservation id is chosen by the caller
 * (the order id), which makes the request safe to repeat.
 *
 * <p>{@link #items()} are in product-id order whatever order the caller sent: stock rows are locked
 * in that order, so two concurrent reservations can never wait for each other in a cycle.
 */
public record ReservationRequest(String reservationId, List<RequestedItem> items) {

  public static final int MAX_ITEMS = 50;

  public ReservationRequest {
    Identifiers.requireValid("reservationId", reservationId);
    if (items == null || items.isEmpty() || items.size() > MAX_ITEMS) {
      throw new InvalidInputException("items must hold between 1 and " + MAX_ITEMS + " entries");
    }
    Set<String> seen = new HashSet<>();
    for (RequestedItem item : items) {
      if (item == null) {
        throw new InvalidInputException("items must not contain null");
      }
      if (!seen.add(item.productId())) {
        throw new InvalidInputException("product " + item.productId() + " appears more than once in items");
      }
    }
    items = items.stream().sorted(Comparator.comparing(RequestedItem::productId)).toList();
  }
}
