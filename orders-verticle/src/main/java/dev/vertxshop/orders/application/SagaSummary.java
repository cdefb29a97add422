package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Saga;
import java.util.Objects;

/**
 * A saga as operators see it: its record and the detail of the last step-log line that failed (the
 * last error: a refusal, an unknown outcome), or null when none did.
 */
public record SagaSummary(Saga saga, String lastError) {

  public SagaSummary {
    Objects.requireNonNull(saga, "saga");
  }
}
