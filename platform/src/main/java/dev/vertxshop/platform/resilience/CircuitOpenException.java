package dev.vertxshop.platform.resilience;

import java.time.Duration;

/**
 * A call was refused without being attempted because the circuit breaker of its service is open (or
 * half-open with its one trial call already under way).
 */
public final class CircuitOpenException extends RuntimeException {

  private final String breaker;
  private final Duration retryAfter;

  public CircuitOpenException(String breaker, Duration retryAfter) {
    // Refusals are the fast path while a service is down: no stack trace to fill.
    super("circuit breaker " + breaker + " is open; retry after " + retryAfter.toMillis() + " ms", null, false, false);
    this.breaker = breaker;
    this.retryAfter = retryAfter;
  }

  /** The name of the breaker, which is the downstream service's name. */
  public String breaker() {
    return breaker;
  }

  /** The time until the breaker may admit a trial call; at least 1 s. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
