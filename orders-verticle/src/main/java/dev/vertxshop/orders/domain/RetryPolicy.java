package dev.vertxshop.orders.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When to retry an undo whose outcome was unknown: the delay doubles after each attempt, up to
 * {@code maxDelay}. Undos are retried until they succeed or are refused, since giving up would leave
 * stock held or money taken for a rejected order.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay) {

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
    }
  }

  /** The delay before the next attempt, after {@code attempts} attempts (at least 1). */
  public Duration delayAfter(int attempts) {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    int doublings = Math.min(attempts - 1, 30);
    Duration delay = initialDelay.multipliedBy(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
