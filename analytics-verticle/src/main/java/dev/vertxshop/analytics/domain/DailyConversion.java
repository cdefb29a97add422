package dev.vertxshop.analytics.domain;

import java.time.LocalDate;
import java.util.Objects;

/** The conversions of one UTC day. */
public record DailyConversion(LocalDate date, Conversion conversion) {

  public DailyConversion {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(conversion, "conversion");
  }
}
