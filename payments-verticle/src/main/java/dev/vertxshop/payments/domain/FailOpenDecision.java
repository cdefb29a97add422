package dev.vertxshop.payments.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A payment that went on to the card network without a fraud verdict, because screening gave no
 * answer and the {@link FraudPolicy} lets payments of its amount through. Kept with the charge it
 * let through, so that every such decision can be reviewed later.
 *
 * @param reason why screening gave no answer, e.g. {@code DEADLINE_EXCEEDED: no verdict within 200
 *     ms}; at most {@link #MAX_REASON_LENGTH} characters (longer text is cut)
 */
public record FailOpenDecision(OrderId orderId, Money amount, String reason, Instant decidedAt) {

  public static final int MAX_REASON_LENGTH = 500;

  public FailOpenDecision {
    Objects.requireNonNull(orderId, "order id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(decidedAt, "decided at");
    if (!amount.isPositive()) {
      throw new IllegalArgumentException("A fail-open decision lets a positive amount through, got " + amount);
    }
    if (reason.isBlank()) {
      throw new IllegalArgumentException("A fail-open decision says why screening gave no answer");
    }
    if (reason.length() > MAX_REASON_LENGTH) {
      reason = reason.substring(0, MAX_REASON_LENGTH);
    }
  }
}
