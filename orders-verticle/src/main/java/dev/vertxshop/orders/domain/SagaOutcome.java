package dev.vertxshop.orders.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * How one run of a create-order saga ended, as operators count them: the order confirmed; rejected
 * with nothing to undo; rejected after undoing what had been done (compensated); or parked, waiting
 * for an operator. A parked saga that an operator retries runs again and ends a second time.
 */
public enum SagaOutcome {
  CONFIRMED,
  /** Rejected by the first step's failure: nothing had been done, so nothing was undone. */
  REJECTED,
  /** Rejected after every step done so far was undone. */
  COMPENSATED,
  PARKED;

  /** The name used in metrics and on the dashboard: {@code confirmed}, {@code rejected}, ... */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The outcome of a saga that moved from {@code before} to {@code after}; empty when that ends nothing. */
  public static Optional<SagaOutcome> of(SagaState before, SagaState after) {
    if (before == after) {
      return Optional.empty();
    }
    return switch (after) {
      case CONFIRMED -> Optional.of(CONFIRMED);
      case REJECTED -> Optional.of(before == SagaState.COMPENSATING ? COMPENSATED : REJECTED);
      case PARKED -> Optional.of(PARKED);
      case RUNNING, COMPENSATING -> Optional.empty();
    };
  }
}
