package dev.vertxshop.orders.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One line of a saga's step log: an attempt of a step began, succeeded or failed. */
public record StepLogEntry(UUID orderId, SagaStep step, StepAction action, StepStatus status, String detail, Instant at) {

  public StepLogEntry {
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(at, "at");
  }
}
