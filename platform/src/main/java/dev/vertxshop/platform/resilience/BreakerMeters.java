package dev.vertxshop.platform.resilience;

import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.vertx.circuitbreaker.CircuitBreakerState;

/**
 * The meters of one breaker: {@code circuit_breaker_state{breaker}} (0 closed, 1 open, 2 half-open)
 * and {@code circuit_breaker_calls_total{breaker,outcome}} with outcome {@code success}, {@code
 * failure} (counted towards opening) or {@code rejected} (failed fast, the call was not made).
 */
final class BreakerMeters {

  private final Counter successes;
  private final Counter failures;
  private final Counter rejections;

  private BreakerMeters(Counter successes, Counter failures, Counter rejections) {
    this.successes = successes;
    this.failures = failures;
    this.rejections = rejections;
  }

  static BreakerMeters register(ServiceMetrics metrics, ServiceBreaker breaker) {
    Tags tags = Tags.of("breaker", breaker.name());
    metrics.gauge("circuit.breaker.state", "State of the circuit breaker: 0 closed, 1 open, 2 half-open", tags, breaker,
        BreakerMeters::stateValue);
    String calls = "Calls through the circuit breaker by outcome";
    return new BreakerMeters(
        metrics.counter("circuit.breaker.calls", calls, tags.and("outcome", "success")),
        metrics.counter("circuit.breaker.calls", calls, tags.and("outcome", "failure")),
        metrics.counter("circuit.breaker.calls", calls, tags.and("outcome", "rejected")));
  }

  private static double stateValue(ServiceBreaker breaker) {
    CircuitBreakerState state = breaker.snapshot().state();
    return switch (state) {
      case CLOSED -> 0;
      case OPEN -> 1;
      case HALF_OPEN -> 2;
    };
  }

  void success() {
    successes.increment();
  }

  void failure() {
    failures.increment();
  }

  void rejected() {
    rejections.increment();
  }
}
