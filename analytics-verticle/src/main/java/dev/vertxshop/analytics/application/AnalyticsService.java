package dev.vertxshop.analytics.application;

import dev.vertxshop.analytics.domain.ConversionReport;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/** The use cases of analytics: count how orders ended, and report the conversions of a date range. */
public final class AnalyticsService {

  private final ConversionStore store;
  private final Clock clock;

  public AnalyticsService(ConversionStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Counts the settlement that {@code event} tells of, once per event id.
   *
   * @return true when it was counted now, false when the event had been counted before
   */
  public Future<Boolean> record(CloudEvent event, OrderSettlement settlement) {
    return store.record(event, settlement);
  }

  /**
   * The report of the days from {@code from} to {@code to}; {@code to} defaults to today (UTC),
   * {@code from} to 30 days ending with {@code to}. A range that ends before it starts or spans more
   * than 366 days is refused with an {@link dev.vertxshop.analytics.domain.InvalidInputException}.
   */
  public Future<ConversionReport> conversions(LocalDate from, LocalDate to) {
    DateRange range;
    try {
      range = DateRange.resolve(from, to, LocalDate.now(clock.withZone(ZoneOffset.UTC)));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return store.read(range).map(recorded -> ConversionReport.of(range, recorded.days(), recorded.cancellations()));
  }
}
