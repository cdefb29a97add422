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
 *    │ an undo was refused, or its outcome stayed unknown after the last attempt
 *    ▼
 * PARKED ──an operator asks for a retry──▶ COMPENSATING
 * </pre>
 *
 * RUNNING and COMPENSATING move to themselves from one step to the next (and COMPENSATING while it
 * waits to retry an undo whose outcome is unknown). Only they are driven by a runner; a PARKED saga
 * waits for an operator and its order stays PENDING.
 */
public enum SagaState {
  RUNNING,
  COMPENSATING,
  CONFIRMED,
  REJECTED,
  /** An undo could not be done (refused, or unknown after every attempt): needs an operator. */
  PARKED;

  /** CONFIRMED or REJECTED: the saga is over for good. */
  public boolean isTerminal() {
    return this == CONFIRMED || this == REJECTED;
  }

  /** RUNNING or COMPENSATING: a runner drives it, and recovery takes it over when nobody does. */
  public boolean isActive() {
    return this == RUNNING || this == COMPENSATING;
  }

  public boolean canMoveTo(SagaState next) {
    return successors().contains(next);
  }

  private Set<SagaState> successors() {
    return switch (this) {
      case RUNNING -> EnumSet.of(RUNNING, COMPENSATING, CONFIRMED, REJECTED);
      case COMPENSATING -> EnumSet.of(COMPENSATING, REJECTED, PARKED);
      case PARKED -> EnumSet.of(COMPENSATING);
      case CONFIRMED, REJECTED -> EnumSet.noneOf(SagaState.class);
    };
  }

  /** What the customer sees of this state. */
  public OrderStatus orderStatus() {
    return switch (this) {
      case RUNNING, COMPENSATING, PARKED -> OrderStatus.PENDING;
      case CONFIRMED -> OrderStatus.CONFIRMED;
      case REJECTED -> OrderStatus.REJECTED;
    };
  }
}
