package dev.vertxshop.orders.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The leases one orders instance ({@code owner}) takes: each lasts {@code duration} from the write
 * that takes or renews it. A saga waiting to retry an undo keeps its lease until {@code duration}
 * after the retry is due, so that the instance that waits is the one that retries, while a crashed
 * instance's sagas are taken over soon after they were due.
 */
public record LeasePolicy(String owner, Duration duration) {

  public LeasePolicy {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("a lease lasts a positive time, not " + duration);
    }
    new Lease(owner, Instant.EPOCH);
  }

  /** The lease taken at {@code now}. */
  public Lease from(Instant now) {
    return new Lease(owner, now.plus(duration));
  }

  /** The lease that a write of {@code saga} at {@code now} renews. */
  public Lease renewedFor(Saga saga, Instant now) {
    Instant due = saga.nextAttemptAt();
    return from(due != null && due.isAfter(now) ? due : now);
  }
}
