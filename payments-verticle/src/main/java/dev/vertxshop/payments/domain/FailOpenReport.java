package dev.vertxshop.payments.domain;

import java.util.List;
import java.util.Objects;

/** How many payments went through unscreened in all, and the latest of them, newest first. */
public record FailOpenReport(long count, List<FailOpenDecision> latest) {

  public FailOpenReport {
    Objects.requireNonNull(latest, "latest");
    latest = List.copyOf(latest);
    if (count < latest.size()) {
      throw new IllegalArgumentException("The count (" + count + ") cannot be below the decisions listed (" + latest.size() + ")");
    }
  }
}
