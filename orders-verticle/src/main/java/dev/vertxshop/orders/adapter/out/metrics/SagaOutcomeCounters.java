package dev.vertxshop.orders.adapter.out.metrics;

import dev.vertxshop.orders.application.SagaOutcomes;
import dev.vertxshop.orders.domain.SagaOutcome;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import java.util.EnumMap;
import java.util.Map;

/**
 * {@code orders_saga_outcomes_total{outcome}}: the saga runs this instance ended, by {@link
 * SagaOutcome} ({@code confirmed}, {@code rejected}, {@code compensated}, {@code parked}). Every
 * outcome is registered at start-up, so that each series exists (at 0) before its first run ends
 * and a rate over it is defined from the start.
 */
public final class SagaOutcomeCounters implements SagaOutcomes {

  /** The meter's name. */
  public static final String NAME = "orders.saga.outcomes";

  private final Map<SagaOutcome, Counter> counters = new EnumMap<>(SagaOutcome.class);

  public SagaOutcomeCounters(ServiceMetrics metrics) {
    for (SagaOutcome outcome : SagaOutcome.values()) {
      counters.put(outcome, metrics.counter(NAME, "Create-order saga runs this instance ended, by how they ended",
          Tags.of("outcome", outcome.label())));
    }
  }

  @Override
  public void ended(SagaOutcome outcome) {
    counters.get(outcome).increment();
  }
}
