package dev.vertxshop.analytics.domain;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

/**
 * The UTC days from {@code from} to {@code to}, both included: at least one day and at most {@value
 * #MAX_DAYS} (a leap year).
 */
public record DateRange(LocalDate from, LocalDate to) {

  public static final int MAX_DAYS = 366;
  /** The days a report covers when it is not told which. */
  public static final int DEFAULT_DAYS = 30;

  public DateRange {
    if (from == null || to == null) {
      throw new InvalidInputException("a date range needs both from and to");
    }
    if (to.isBefore(from)) {
      throw new InvalidInputException("to (" + to + ") is before from (" + from + ")");
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > MAX_DAYS) {
      throw new InvalidInputException("from " + from + " to " + to + " is " + days + " days; at most " + MAX_DAYS + " are allowed");
    }
  }

  /**
   * The range a client asked for; either bound may be null: {@code to} defaults to {@code today},
   * {@code from} to the start of the {@value #DEFAULT_DAYS} days that end with {@code to}.
   */
  public static DateRange resolve(LocalDate from, LocalDate to, LocalDate today) {
    LocalDate end = to == null ? today : to;
    LocalDate start = from == null ? end.minusDays(DEFAULT_DAYS - 1L) : from;
    return new DateRange(start, end);
  }

  /** How many days the range holds. */
  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  public boolean contains(LocalDate date) {
    return !date.isBefore(from) && !date.isAfter(to);
  }

  /** Every day of the range, in order. */
  public Stream<LocalDate> dates() {
    return Stream.iterate(from, date -> !date.isAfter(to), date -> date.plusDays(1));
  }
}
