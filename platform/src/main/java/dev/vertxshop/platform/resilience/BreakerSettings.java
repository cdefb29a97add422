package dev.vertxshop.platform.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit breaker of a downstream service opens, and for how long.
 *
 * @param failureRateThreshold {@code http.client.breaker.failure-rate-threshold}: the breaker opens
 *     when at least this percentage (1..100) of the calls in the window failed
 * @param minimumCalls {@code http.client.breaker.minimum-calls}: the rate counts only once the window
 *     holds at least this many calls, so that a few early failures do not open the breaker
 * @param window {@code http.client.breaker.window-ms}: the rolling time window the rate is taken over
 * @param openDuration {@code http.client.breaker.open-ms}: how long an open breaker fails every call
 *     before it admits one trial call
 */
public record BreakerSettings(int failureRateThreshold, int minimumCalls, Duration window, Duration openDuration) {

  /** 50% of at least 10 calls in 10 s; open for 30 s. */
  public static final BreakerSettings DEFAULTS =
      new BreakerSettings(50, 10, Duration.ofSeconds(10), Duration.ofSeconds(30));

  public BreakerSettings {
    if (failureRateThreshold < 1 || failureRateThreshold > 100) {
      throw new IllegalArgumentException("failureRateThreshold is a percentage 1..100, not " + failureRateThreshold);
    }
    if (minimumCalls < 1) {
      throw new IllegalArgumentException("minimumCalls must be at least 1, not " + minimumCalls);
    }
    requirePositive(window, "window");
    requirePositive(openDuration, "openDuration");
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.toMillis() < 1) {
      throw new IllegalArgumentException(name + " must be at least 1 ms, not " + duration);
    }
  }
}
