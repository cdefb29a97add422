package dev.vertxshop.orders.domain;

import java.util.Optional;

/**
 * The steps of the create-order saga, in the order they run. A compensable step has an undo action
 * (cancel the reservation, refund the charge); CONFIRM is the last step and a local write, so
 * nothing after it can fail and it needs no undo.
 */
public enum SagaStep {
  RESERVE_STOCK(true),
  CHARGE_PAYMENT(true),
  CONFIRM(false);

  private final boolean compensable;

  SagaStep(boolean compensable) {
    this.compensable = compensable;
  }

  public static SagaStep first() {
    return RESERVE_STOCK;
  }

  public boolean compensable() {
    return compensable;
  }

  /** The step that runs after this one, or empty for the last. */
  public Optional<SagaStep> next() {
    int next = ordinal() + 1;
    return next < values().length ? Optional.of(values()[next]) : Optional.empty();
  }

  /** The nearest compensable step before this one: what to undo after it. */
  public Optional<SagaStep> previousCompensable() {
    for (int i = ordinal() - 1; i >= 0; i--) {
      if (values()[i].compensable) {
        return Optional.of(values()[i]);
      }
    }
    return Optional.empty();
  }
}
