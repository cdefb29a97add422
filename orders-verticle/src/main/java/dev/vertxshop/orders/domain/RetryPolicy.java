package dev.vertxshop.orders.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * When to retry an undo whose outcome was unknown: the delay doubles after each attempt, up to
 * {@code maxDelay}; after {@code maxAttempts} attempts of one undo the saga is parked for an
 * operator rather than retried for ever, since something outside the saga has to change first.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay, int maxAttempts) {

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative() || initialDelay.isZero() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("need 0 < initialDelay <= maxDelay, got " + initialDelay + " and " + maxDelay);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
    }
  }

  /** A policy that retries until the undo is done or refused, never giving up. */
  public RetryPolicy(Duration initialDelay, Duration maxDelay) {
    this(initialDelay, maxDelay, Integer.MAX_VALUE);
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

  /** Whether {@code attempts} attempts are all this policy allows. */
  public boolean exhaustedAfter(int attempts) {
    return attempts >= maxAttempts;
  }

  /** The longest time the delays between {@code maxAttempts} attempts add up to. */
  public Duration totalDelay() {
    Duration total = Duration.ZERO;
    for (int attempt = 1; attempt < maxAttempts && total.compareTo(Duration.ofDays(365)) < 0; attempt++) {
      total = total.plus(delayAfter(attempt));
    }
    return total;
  }
}
