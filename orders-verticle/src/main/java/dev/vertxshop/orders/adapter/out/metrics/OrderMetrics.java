package dev.vertxshop.orders.adapter.out.metrics;

import dev.vertxshop.orders.application.OutboxRelay;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.platform.metrics.GaugeFamily;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The orders service's own gauges, refreshed by a periodic query (never by a scrape):
 *
 * <ul>
 *   <li>{@code orders_sagas{state}}: sagas in each state ({@code RUNNING}, {@code COMPENSATING},
 *       {@code CONFIRMED}, {@code REJECTED}, {@code PARKED});
 *   <li>{@code orders_outbox_pending_events}: order events in the outbox not published yet, and
 *       {@code orders_outbox_oldest_pending_age_seconds} how long the oldest of them has waited (0
 *       when none);
 *   <li>{@code orders_outbox_published_events_total}: events this instance's relay published since
 *       it started.
 * </ul>
 */
public final class OrderMetrics {

  private final Supplier<Future<Map<SagaState, Long>>> sagaCounts;
  private final OutboxRelay relay;
  private final GaugeFamily sagas;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong oldestPendingAgeMs = new AtomicLong();
  private final AtomicLong published = new AtomicLong();

  private OrderMetrics(ServiceMetrics metrics, Supplier<Future<Map<SagaState, Long>>> sagaCounts, OutboxRelay relay) {
    this.sagaCounts = sagaCounts;
    this.relay = relay;
    this.sagas = metrics.gauges("orders.sagas", "Create-order sagas by state");
    metrics.gauge("orders.outbox.pending.events", "Order events in the outbox not published yet", Tags.empty(),
        pending, AtomicLong::get);
    metrics.gauge("orders.outbox.oldest.pending.age.seconds", "How long the oldest unpublished order event has waited",
        Tags.empty(), oldestPendingAgeMs, age -> age.get() / 1000.0);
    metrics.functionCounter("orders.outbox.published.events", "Order events this instance's relay published since it started",
        Tags.empty(), published, AtomicLong::get);
  }

  /** Keeps the gauges of {@code sagaCounts} and {@code relay} in {@code metrics} until it is closed. */
  public static void watch(ServiceMetrics metrics, Supplier<Future<Map<SagaState, Long>>> sagaCounts, OutboxRelay relay) {
    OrderMetrics watched = new OrderMetrics(metrics, sagaCounts, relay);
    metrics.every(watched::refreshSagas);
    metrics.every(watched::refreshOutbox);
  }

  private Future<?> refreshSagas() {
    return sagaCounts.get().onSuccess(counts -> counts.forEach((state, count) -> sagas.set(Tags.of("state", state.name()), count)));
  }

  private Future<?> refreshOutbox() {
    return relay.status().onSuccess(status -> {
      pending.set(status.counts().pending());
      Duration age = status.oldestPendingAge();
      oldestPendingAgeMs.set(age == null ? 0 : age.toMillis());
      published.set(status.publishedSinceStart());
    });
  }
}
