package dev.vertxshop.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConversionReportTest {

  private static final DateRange RANGE = new DateRange(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-04"));

  @Test
  void listsEveryDayOfTheRangeWithZerosForDaysWithoutOrders() {
    ConversionReport report = ConversionReport.of(RANGE, List.of(
        day("2025-01-02", 2, 1, 5000),
        day("2025-01-04", 1, 0, 1200)), List.of());

    assertThat(report.days()).containsExactly(
        day("2025-01-01", 0, 0, 0),
        day("2025-01-02", 2, 1, 5000),
        day("2025-01-03", 0, 0, 0),
        day("2025-01-04", 1, 0, 1200));
  }

  @Test
  void totalsAddUpTheDays() {
    ConversionReport report = ConversionReport.of(RANGE, List.of(
        day("2025-01-01", 3, 1, 9000),
        day("2025-01-03", 1, 3, 250)), List.of());

    assertThat(report.totals()).isEqualTo(new Conversion(4, 4, 9250));
    assertThat(report.totals().conversionRate()).hasValue(0.5);
  }

  @Test
  void leavesOutDaysOutsideTheRange() {
    ConversionReport report = ConversionReport.of(RANGE, List.of(
        day("2024-12-31", 7, 7, 700),
        day("2025-01-02", 1, 0, 100),
        day("2025-01-05", 9, 9, 900)), List.of());

    assertThat(report.totals()).isEqualTo(new Conversion(1, 0, 100));
    assertThat(report.days()).hasSize(4);
  }

  @Test
  void listsTheMostFrequentCancellationReasonFirstThenByCode() {
    ConversionReport report = ConversionReport.of(RANGE, List.of(), List.of(
        new CancellationCount("PAYMENT_DECLINED", 2),
        new CancellationCount("INSUFFICIENT_STOCK", 5),
        new CancellationCount("INVENTORY_UNAVAILABLE", 2)));

    assertThat(report.cancellationReasons()).containsExactly(
        new CancellationCount("INSUFFICIENT_STOCK", 5),
        new CancellationCount("INVENTORY_UNAVAILABLE", 2),
        new CancellationCount("PAYMENT_DECLINED", 2));
  }

  @Test
  void mergesRepeatedReasonCodes() {
    ConversionReport report = ConversionReport.of(RANGE, List.of(), List.of(
        new CancellationCount("PAYMENT_DECLINED", 2),
        new CancellationCount("PAYMENT_DECLINED", 3)));

    assertThat(report.cancellationReasons()).containsExactly(new CancellationCount("PAYMENT_DECLINED", 5));
  }

  private static DailyConversion day(String date, long completed, long cancelled, long revenueCents) {
    return new DailyConversion(LocalDate.parse(date), new Conversion(completed, cancelled, revenueCents));
  }
}
