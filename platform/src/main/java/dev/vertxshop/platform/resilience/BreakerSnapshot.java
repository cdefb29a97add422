package dev.vertxshop.platform.resilience;

import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A breaker's state at one instant, as listed by {@code GET /admin/circuit-breakers}.
 *
 * @param name the downstream service
 * @param state CLOSED (calls go through), OPEN (calls fail fast) or HALF_OPEN (the open time is over:
 *     one trial call goes through, or is under way)
 * @param failureRate percentage of the calls in the window that failed (0 when there were none)
 * @param calls calls that ended within the rolling window
 * @param failures those of them that failed
 * @param openedAt when the breaker last opened; null while closed
 * @param retryAfter time left until an open breaker admits a trial call; zero unless OPEN
 */
public record BreakerSnapshot(
    String name, CircuitBreakerState state, double failureRate, int calls, int failures, Instant openedAt, Duration retryAfter) {

  public BreakerSnapshot {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("name", name)
        .put("state", state.name())
        .put("failureRate", failureRate)
        .put("calls", calls)
        .put("failures", failures)
        .put("openedAt", openedAt == null ? null : openedAt.toString())
        .put("retryAfterMs", retryAfter.toMillis());
  }
}
