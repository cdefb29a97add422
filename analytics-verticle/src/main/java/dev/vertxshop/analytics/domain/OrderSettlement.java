package dev.vertxshop.analytics.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * How an order ended, as far as conversions are concerned: completed (paid) or cancelled. Each
 * counts for the UTC day on which it happened.
 */
public sealed interface OrderSettlement permits OrderCompleted, OrderCancelled {

  String orderId();

  /** When the order was completed or cancelled. */
  Instant settledAt();

  /** The UTC day the settlement counts for. */
  default LocalDate day() {
    return LocalDate.ofInstant(settledAt(), ZoneOffset.UTC);
  }

  /** What the settlement adds to the counts of its day. */
  Conversion contribution();
}
