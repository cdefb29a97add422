package dev.vertxshop.analytics.domain;

import java.time.Instant;

/**
 * An order ended without being paid for: one more cancelled order on its day, counted under its
 * reason code (such as {@code PAYMENT_DECLINED}).
 */
public record OrderCancelled(String orderId, String reasonCode, Instant cancelledAt) implements OrderSettlement {

  /** Longest reason code accepted: codes are short, stable slugs, never free text. */
  public static final int MAX_REASON_CODE_LENGTH = 100;

  public OrderCancelled {
    SettlementChecks.requireOrderId(orderId);
    if (reasonCode == null || reasonCode.isBlank()) {
      throw new InvalidInputException("reason.code must not be blank");
    }
    if (reasonCode.length() > MAX_REASON_CODE_LENGTH) {
      throw new InvalidInputException("reason.code must not be longer than " + MAX_REASON_CODE_LENGTH + " characters");
    }
    SettlementChecks.requireTime(cancelledAt, "cancelledAt");
  }

  @Override
  public Instant settledAt() {
    return cancelledAt;
  }

  @Override
  public Conversion contribution() {
    return new Conversion(0, 1, 0);
  }
}
