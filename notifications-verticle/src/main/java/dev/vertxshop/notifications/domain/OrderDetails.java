package dev.vertxshop.notifications.domain;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What an order event says about the order: enough to write the customer an e-mail about it.
 *
 * @param totalCents the total as the orders service charged it
 */
public record OrderDetails(UUID orderId, String customerId, EmailAddress email, List<OrderLine> items, long totalCents) {

  public OrderDetails {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(email, "email");
    if (customerId == null || customerId.isBlank()) {
      throw new InvalidOrderException("order " + orderId + " has no customerId");
    }
    if (items == null || items.isEmpty()) {
      throw new InvalidOrderException("order " + orderId + " has no items");
    }
    if (totalCents < 0) {
      throw new InvalidOrderException("order " + orderId + " has a negative total");
    }
    items = List.copyOf(items);
  }
}
