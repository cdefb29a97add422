package dev.vertxshop.payments.domain;

import java.time.Instant;
import java.util.Objects;

/** One movement of money for an order. An order has at most one entry of each kind. */
public record LedgerEntry(OrderId orderId, LedgerKind kind, Money amount, Instant at) {

  public LedgerEntry {
    Objects.requireNonNull(orderId, "order id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(at, "at");
    if (!amount.isPositive()) {
      throw new IllegalArgumentException("A ledger entry moves a positive amount, got " + amount);
    }
  }
}
