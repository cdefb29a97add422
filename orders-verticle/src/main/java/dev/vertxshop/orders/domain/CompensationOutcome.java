package dev.vertxshop.orders.domain;

import java.time.Duration;
import java.util.Objects;

/** How an undo (cancel a reservation, refund a charge) ended. */
public sealed interface CompensationOutcome {

  /** For the step log. */
  String detail();

  /** The step is undone (or there was nothing to undo). */
  record Done(String detail) implements CompensationOutcome {}

  /** The other service refused for good; retrying cannot help. */
  record Refused(String problemType, String detail) implements CompensationOutcome {}

  /** No usable answer; the undo is retried later. */
  record Unknown(String detail) implements CompensationOutcome {}

  /**
   * The undo was not sent: the other service is known to be down (its circuit breaker is open). It is
   * tried again after {@code retryAfter}, and this does not count as an attempt, so an outage alone
   * never parks a saga.
   */
  record NotAttempted(String detail, Duration retryAfter) implements CompensationOutcome {
    public NotAttempted {
      Objects.requireNonNull(retryAfter, "retryAfter");
      if (retryAfter.isNegative()) {
        throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter);
      }
    }
  }
}
