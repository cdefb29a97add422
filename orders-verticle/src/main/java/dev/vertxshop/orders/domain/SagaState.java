package dev.vertxshop.orders.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a create-order saga stands.
 *
 * <pre>
 * RUNNING ──every step succeeded──▶ CONFIRMED
 *    │ a step failed or its outcome is unknown
 *    ├──nothing to undo──▶ REJECTED
 *    ▼
 * COMPENSATING ──every undo done──▶ REJECTED
 *    └──an undo was refused──▶ COMPENSATION_FAILED
 * </pre>
 *
 * RUNNING and COMPENSATING move to themselves from one step to the next (and COMPENSATING while it
 * waits to retry an undo whose outcome is unknown).
 */
public enum SagaState {
  RUNNING,
  COMPENSATING,
  CONFIRMED,
  REJECTED,
  /** An undo was refused for good (e.g. the reservation was committed): needs an operator. */
  COMPENSATION_FAILED;

  public boolean isTerminal() {
    return this == CONFIRMED || this == REJECTED || this == COMPENSATION_FAILED;
  }

  public boolean canMoveTo(SagaState next) {
    return successors().contains(next);
  }

  private Set<SagaState> successors() {
    return switch (this) {
      case RUNNING -> EnumSet.of(RUNNING, COMPENSATING, CONFIRMED, REJECTED);
      case COMPENSATING -> EnumSet.of(COMPENSATING, REJECTED, COMPENSATION_FAILED);
      case CONFIRMED, REJECTED, COMPENSATION_FAILED -> EnumSet.noneOf(SagaState.class);
    };
  }

  /** What the customer sees of this state. */
  public OrderStatus orderStatus() {
    return switch (this) {
      case RUNNING, COMPENSATING -> OrderStatus.PENDING;
      case CONFIRMED -> OrderStatus.CONFIRMED;
      case REJECTED, COMPENSATION_FAILED -> OrderStatus.REJECTED;
    };
  }
}
