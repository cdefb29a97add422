package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.SagaOutcome;

/** Where the runner reports each saga run it ended (a metric, for operators). */
@FunctionalInterface
public interface SagaOutcomes {

  /** Reports nothing. */
  SagaOutcomes NONE = outcome -> {};

  /** Called once per run, after the write that ended it was stored. */
  void ended(SagaOutcome outcome);
}
