package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.StepLogEntry;
import java.util.Objects;

/**
 * A line of a saga's step log as stored, with the lease owner that wrote it. Each orders instance
 * writes under an owner of its own, so the owners down a saga's log show which instance drove it,
 * and where one took it over from another.
 *
 * @param entry the line
 * @param drivenBy the {@link Lease#owner()} of the write that stored the line, or null when it was
 *     written under no lease (or before the owner was stored)
 */
public record RecordedStep(StepLogEntry entry, String drivenBy) {

  public RecordedStep {
    Objects.requireNonNull(entry, "entry");
  }
}
