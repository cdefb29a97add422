package dev.vertxshop.analytics.domain;

/** How many orders were cancelled for one reason code. */
public record CancellationCount(String code, long count) {

  public CancellationCount {
    if (code == null || code.isBlank()) {
      throw new InvalidInputException("a reason code must not be blank");
    }
    if (count < 0) {
      throw new InvalidInputException("a cancellation count must not be negative");
    }
  }
}
