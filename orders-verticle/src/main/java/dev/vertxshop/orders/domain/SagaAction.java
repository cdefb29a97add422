package dev.vertxshop.orders.domain;

import java.time.Instant;

/** What the orchestrator must do next for a saga. */
public sealed interface SagaAction {

  /** Run {@code step} forward. */
  record Execute(SagaStep step) implements SagaAction {}

  /** Undo {@code step}. */
  record Compensate(SagaStep step) implements SagaAction {}

  /** Nothing before {@code at}: the last undo attempt had an unknown outcome. */
  record WaitUntil(Instant at) implements SagaAction {}

  /** The saga is over. */
  record Finished(SagaState state) implements SagaAction {}

  /** Nothing until an operator asks for a retry: undoing {@code step} could not be done. */
  record Parked(SagaStep step) implements SagaAction {}
}
