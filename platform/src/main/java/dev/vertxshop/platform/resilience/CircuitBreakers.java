package dev.vertxshop.platform.resilience;

import dev.vertxshop.platform.metrics.ServiceMetrics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The circuit breakers of one service: one per downstream service, created on first use and shared
 * by every client of that service. A service creates one registry when it starts (with the clock
 * it runs on), hands it to its {@code ServiceClient}s, mounts {@link BreakersEndpoint} to show it,
 * and closes it when it stops.
 */
public final class CircuitBreakers {

  private final Vertx vertx;
  private final BreakerSettings settings;
  private final Clock clock;
  private final ServiceMetrics metrics;
  private final ConcurrentSkipListMap<String, ServiceBreaker> breakers = new ConcurrentSkipListMap<>();

  private CircuitBreakers(Vertx vertx, BreakerSettings settings, Clock clock, ServiceMetrics metrics) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  public static CircuitBreakers create(Vertx vertx, BreakerSettings settings) {
    return create(vertx, settings, Clock.systemUTC());
  }

  /** Breakers whose rolling window and open time are read from {@code clock}. */
  public static CircuitBreakers create(Vertx vertx, BreakerSettings settings, Clock clock) {
    return create(vertx, settings, clock, ServiceMetrics.none());
  }

  /**
   * Breakers whose rolling window and open time are read from {@code clock}, each with its state and
   * calls in {@code metrics} ({@code circuit_breaker_state}, {@code circuit_breaker_calls_total},
   * tagged with the breaker's name).
   */
  public static CircuitBreakers create(Vertx vertx, BreakerSettings settings, Clock clock, ServiceMetrics metrics) {
    return new CircuitBreakers(vertx, settings, clock, metrics);
  }

  /** The breaker of {@code service}, created closed on first use. */
  public ServiceBreaker forService(String service) {
    return breakers.computeIfAbsent(service, name -> new ServiceBreaker(vertx, name, settings, clock, metrics));
  }

  /** Every breaker's state now, by name. */
  public List<BreakerSnapshot> snapshots() {
    return breakers.values().stream().map(ServiceBreaker::snapshot).toList();
  }

  public BreakerSettings settings() {
    return settings;
  }

  public Clock clock() {
    return clock;
  }

  public void close() {
    breakers.values().forEach(ServiceBreaker::close);
  }
}
