package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An order: priced items whose sum is the total, and a status that starts PENDING and ends
 * CONFIRMED or REJECTED (with a reason) exactly once.
 */
public record Order(
    UUID id,
    String customerId,
    String email,
    List<OrderItem> items,
    long totalCents,
    OrderStatus status,
    RejectionReason reason,
    Instant createdAt,
    Instant updatedAt) {

  public Order {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    if (items == null || items.isEmpty()) {
      throw new IllegalArgumentException("an order has at least one item");
    }
    items = List.copyOf(items);
    Set<String> seen = new HashSet<>();
    items.forEach(item -> {
      if (!seen.add(item.productId())) {
        throw new IllegalArgumentException("product " + item.productId() + " appears twice in order " + id);
      }
    });
    if (totalCents != Pricing.total(items)) {
      throw new IllegalArgumentException("order " + id + " totals " + Pricing.total(items) + ", not " + totalCents);
    }
    if ((status == OrderStatus.REJECTED) != (reason != null)) {
      throw new IllegalArgumentException("a rejected order, and only a rejected order, has a reason");
    }
  }

  /** A new PENDING order for {@code request}, priced from {@code prices}. */
  public static Order place(UUID id, OrderRequest request, PriceList prices, Instant now) {
    List<OrderItem> items = Pricing.price(request.lines(), prices);
    return new Order(id, request.customerId(), request.email(), items, Pricing.total(items), OrderStatus.PENDING, null, now, now);
  }

  /**
   * The order priced as {@code reserved} says (inventory prices when it reserves, and a price may
   * have changed since the order was priced). The reserved items must be this order's products and
   * quantities.
   */
  public Order repricedAs(List<OrderItem> reserved, Instant now) {
    requirePending("reprice");
    Map<String, OrderItem> byProduct = new HashMap<>();
    reserved.forEach(item -> byProduct.put(item.productId(), item));
    if (byProduct.size() != items.size()) {
      throw new IllegalArgumentException("the reservation has " + byProduct.size() + " items, order " + id + " has " + items.size());
    }
    List<OrderItem> repriced = items.stream().map(item -> {
      OrderItem match = byProduct.get(item.productId());
      if (match == null || match.quantity() != item.quantity()) {
        throw new IllegalArgumentException("the reservation does not hold " + item.quantity() + " x " + item.productId());
      }
      return match;
    }).toList();
    return new Order(id, customerId, email, repriced, Pricing.total(repriced), status, null, createdAt, now);
  }

  public Order confirmed(Instant now) {
    requirePending("confirm");
    return new Order(id, customerId, email, items, totalCents, OrderStatus.CONFIRMED, null, createdAt, now);
  }

  public Order rejected(RejectionReason why, Instant now) {
    requirePending("reject");
    Objects.requireNonNull(why, "why");
    return new Order(id, customerId, email, items, totalCents, OrderStatus.REJECTED, why, createdAt, now);
  }

  /** The unpriced lines: what the reservation asks for. */
  public List<OrderLine> lines() {
    return items.stream().map(OrderItem::line).toList();
  }

  /** Payments takes only positive amounts, and a free order has nothing to charge. */
  public boolean needsCharge() {
    return totalCents > 0;
  }

  private void requirePending(String action) {
    if (status != OrderStatus.PENDING) {
      throw new IllegalStateException("cannot " + action + " order " + id + ": it is already " + status);
    }
  }
}
