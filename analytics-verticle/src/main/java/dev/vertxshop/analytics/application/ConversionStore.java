package dev.vertxshop.analytics.application;

import dev.vertxshop.analytics.domain.CancellationCount;
import dev.vertxshop.analytics.domain.DailyConversion;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.util.List;

/** Where the conversion counts are kept: the source of truth for what was counted. */
public interface ConversionStore {

  /**
   * Adds {@code settlement} to the counts of its day, unless {@code event} was counted before: the
   * event's id and the counts are written in one transaction, so an event is counted at most once
   * however often it is delivered, and a failure leaves nothing behind.
   *
   * @return true when the settlement was counted now, false when the event had been counted before
   */
  Future<Boolean> record(CloudEvent event, OrderSettlement settlement);

  /** The counts of the days in {@code range}, and its cancellations per reason, read as of one moment. */
  Future<Recorded> read(DateRange range);

  /**
   * What was recorded over a range.
   *
   * @param days the days of the range that had settled orders, in date order
   * @param cancellations the cancellations per reason code over the range
   */
  record Recorded(List<DailyConversion> days, List<CancellationCount> cancellations) {

    public Recorded {
      days = List.copyOf(days);
      cancellations = List.copyOf(cancellations);
    }
  }
}
