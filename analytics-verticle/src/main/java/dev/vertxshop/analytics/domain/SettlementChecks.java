package dev.vertxshop.analytics.domain;

import java.time.Instant;

/** The rules every {@link OrderSettlement} shares. */
final class SettlementChecks {

  /** Longest order id accepted; longer ones are not what the orders service writes. */
  static final int MAX_ORDER_ID_LENGTH = 100;

  private SettlementChecks() {}

  static void requireOrderId(String orderId) {
    if (orderId == null || orderId.isBlank()) {
      throw new InvalidInputException("orderId must not be blank");
    }
    if (orderId.length() > MAX_ORDER_ID_LENGTH) {
      throw new InvalidInputException("orderId must not be longer than " + MAX_ORDER_ID_LENGTH + " characters");
    }
  }

  static void requireTime(Instant time, String name) {
    if (time == null) {
      throw new InvalidInputException(name + " is required");
    }
  }
}
