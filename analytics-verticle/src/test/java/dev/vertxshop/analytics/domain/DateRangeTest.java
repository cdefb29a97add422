package dev.vertxshop.analytics.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DateRangeTest {

  private static final LocalDate TODAY = LocalDate.parse("2025-03-10");

  @Test
  void holdsBothOfItsEnds() {
    DateRange range = new DateRange(LocalDate.parse("2025-02-27"), LocalDate.parse("2025-03-02"));

    assertThat(range.days()).isEqualTo(4);
    assertThat(range.dates()).containsExactly(
        LocalDate.parse("2025-02-27"), LocalDate.parse("2025-02-28"), LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-02"));
    assertThat(range.contains(LocalDate.parse("2025-02-27"))).isTrue();
    assertThat(range.contains(LocalDate.parse("2025-03-02"))).isTrue();
    assertThat(range.contains(LocalDate.parse("2025-03-03"))).isFalse();
    assertThat(range.contains(LocalDate.parse("2025-02-26"))).isFalse();
  }

  @Test
  void mayBeASingleDay() {
    assertThat(new DateRange(TODAY, TODAY).dates()).containsExactly(TODAY);
  }

  @Test
  void refusesToBeforeFrom() {
    assertThatThrownBy(() -> new DateRange(TODAY, TODAY.minusDays(1)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("before");
  }

  @Test
  void allowsAWholeLeapYear() {
    assertThat(new DateRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-12-31")).days()).isEqualTo(366);
  }

  @Test
  void refusesMoreThan366Days() {
    assertThatThrownBy(() -> new DateRange(LocalDate.parse("2024-01-01"), LocalDate.parse("2025-01-01")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("367 days");
  }

  @Test
  void defaultsToTheThirtyDaysEndingToday() {
    DateRange range = DateRange.resolve(null, null, TODAY);

    assertThat(range).isEqualTo(new DateRange(LocalDate.parse("2025-02-09"), TODAY));
    assertThat(range.days()).isEqualTo(30);
  }

  @Test
  void defaultsFromToThirtyDaysEndingWithTo() {
    assertThat(DateRange.resolve(null, LocalDate.parse("2024-03-01"), TODAY))
        .isEqualTo(new DateRange(LocalDate.parse("2024-02-01"), LocalDate.parse("2024-03-01")));
  }

  @Test
  void defaultsToToToday() {
    assertThat(DateRange.resolve(LocalDate.parse("2025-03-01"), null, TODAY))
        .isEqualTo(new DateRange(LocalDate.parse("2025-03-01"), TODAY));
  }

  @Test
  void refusesAFromAfterTodayWhenToIsLeftOut() {
    assertThatThrownBy(() -> DateRange.resolve(TODAY.plusDays(1), null, TODAY)).isInstanceOf(InvalidInputException.class);
  }
}
