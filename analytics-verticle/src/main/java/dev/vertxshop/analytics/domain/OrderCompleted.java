package dev.vertxshop.analytics.domain;

import java.time.Instant;

/** An order was paid for: one more completed order and its total in the revenue of its day. */
public record OrderCompleted(String orderId, long totalCents, Instant completedAt) implements OrderSettlement {

  public OrderCompleted {
    SettlementChecks.requireOrderId(orderId);
    if (totalCents < 0) {
      throw new InvalidInputException("totalCents must not be negative");
    }
    SettlementChecks.requireTime(completedAt, "completedAt");
  }

  @Override
  public Instant settledAt() {
    return completedAt;
  }

  @Override
  public Conversion contribution() {
    return new Conversion(1, 0, totalCents);
  }
}
