package dev.vertxshop.analytics.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The conversions of a date range: one entry for every day of the range (days without orders
 * included, with zero counts), the totals over the range, and the cancellations per reason code,
 * most frequent first.
 */
public record ConversionReport(
    DateRange range, List<DailyConversion> days, Conversion totals, List<CancellationCount> cancellationReasons) {

  private static final Comparator<CancellationCount> MOST_FREQUENT_FIRST =
      Comparator.comparingLong(CancellationCount::count).reversed().thenComparing(CancellationCount::code);

  public ConversionReport {
    Objects.requireNonNull(range, "range");
    days = List.copyOf(days);
    Objects.requireNonNull(totals, "totals");
    cancellationReasons = List.copyOf(cancellationReasons);
  }

  /**
   * The report of {@code range} from what was recorded: {@code recorded} holds the days that had
   * settled orders (others count as none), {@code reasons} the cancellations per reason code over
   * the range. Days outside the range are left out.
   */
  public static ConversionReport of(DateRange range, List<DailyConversion> recorded, List<CancellationCount> reasons) {
    Map<LocalDate, Conversion> byDate = recorded.stream()
        .filter(day -> range.contains(day.date()))
        .collect(Collectors.toMap(DailyConversion::date, DailyConversion::conversion, Conversion::plus));
    List<DailyConversion> days = range.dates()
        .map(date -> new DailyConversion(date, byDate.getOrDefault(date, Conversion.NONE)))
        .toList();
    Conversion totals = days.stream().map(DailyConversion::conversion).reduce(Conversion.NONE, Conversion::plus);
    Map<String, Long> byCode = reasons.stream()
        .collect(Collectors.toMap(CancellationCount::code, CancellationCount::count, Math::addExact));
    List<CancellationCount> sorted = byCode.entrySet().stream()
        .map(entry -> new CancellationCount(entry.getKey(), entry.getValue()))
        .sorted(MOST_FREQUENT_FIRST)
        .toList();
    return new ConversionReport(range, days, totals, sorted);
  }
}
