package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Saga;
import java.util.List;
import java.util.Objects;

/**
 * A saga as stored with its whole step log, oldest line first: what an operator reads to see what
 * happened to an order and which instance did it.
 */
public record SagaHistory(Saga saga, List<RecordedStep> steps) {

  public SagaHistory {
    Objects.requireNonNull(saga, "saga");
    steps = List.copyOf(steps);
  }
}
