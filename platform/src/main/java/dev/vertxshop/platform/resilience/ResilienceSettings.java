package dev.vertxshop.platform.resilience;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The policies of every call from a service to another, read from {@code http.client.*}.
 *
 * @param timeout {@code http.client.timeout-ms}: the time allowed for one attempt
 * @param deadline {@code http.client.deadline-ms}: the time allowed for a whole call, every attempt
 *     and the waits between them included; never shorter than the timeout (a smaller configured
 *     value counts as the timeout, so that raising only the timeout keeps working)
 * @param retry {@code http.client.retry.*}: how calls declared safe to repeat are retried
 * @param breaker {@code http.client.breaker.*}: when the breaker of a downstream service opens
 */
public record ResilienceSettings(Duration timeout, Duration deadline, RetrySettings retry, BreakerSettings breaker) {

  public static final String TIMEOUT_MS = "http.client.timeout-ms";
  public static final String DEADLINE_MS = "http.client.deadline-ms";
  public static final String RETRY_MAX_ATTEMPTS = "http.client.retry.max-attempts";
  public static final String RETRY_INITIAL_BACKOFF_MS = "http.client.retry.initial-backoff-ms";
  public static final String RETRY_MAX_BACKOFF_MS = "http.client.retry.max-backoff-ms";
  public static final String BREAKER_FAILURE_RATE_THRESHOLD = "http.client.breaker.failure-rate-threshold";
  public static final String BREAKER_MINIMUM_CALLS = "http.client.breaker.minimum-calls";
  public static final String BREAKER_WINDOW_MS = "http.client.breaker.window-ms";
  public static final String BREAKER_OPEN_MS = "http.client.breaker.open-ms";

  /** The defaults of {@code conf/application.yaml}. */
  public static final ResilienceSettings DEFAULTS =
      new ResilienceSettings(Duration.ofSeconds(2), Duration.ofSeconds(5), RetrySettings.DEFAULTS, BreakerSettings.DEFAULTS);

  public ResilienceSettings {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(breaker, "breaker");
    if (timeout.toMillis() < 1) {
      throw new IllegalArgumentException("timeout must be at least 1 ms, not " + timeout);
    }
    if (deadline.compareTo(timeout) < 0) {
      throw new IllegalArgumentException("deadline (" + deadline + ") is shorter than one attempt's timeout (" + timeout + ")");
    }
  }

  /** Reads and validates {@code http.client.*}; throws {@link ConfigException} naming a bad key. */
  public static ResilienceSettings from(Settings settings) {
    Duration timeout = settings.millis(TIMEOUT_MS);
    Duration deadline = settings.millis(DEADLINE_MS);
    return new ResilienceSettings(timeout, deadline.compareTo(timeout) < 0 ? timeout : deadline, retry(settings), breaker(settings));
  }

  private static RetrySettings retry(Settings settings) {
    int maxAttempts = settings.integer(RETRY_MAX_ATTEMPTS, 1, RetrySettings.MAX_ATTEMPTS);
    Duration initial = settings.millis(RETRY_INITIAL_BACKOFF_MS);
    Duration max = settings.millis(RETRY_MAX_BACKOFF_MS);
    if (max.compareTo(initial) < 0) {
      throw new ConfigException(RETRY_MAX_BACKOFF_MS, "must be at least " + RETRY_INITIAL_BACKOFF_MS + " (" + initial.toMillis() + ")");
    }
    return new RetrySettings(maxAttempts, initial, max);
  }

  private static BreakerSettings breaker(Settings settings) {
    return new BreakerSettings(
        settings.integer(BREAKER_FAILURE_RATE_THRESHOLD, 1, 100),
        settings.integer(BREAKER_MINIMUM_CALLS, 1, 1_000_000),
        settings.millis(BREAKER_WINDOW_MS),
        settings.millis(BREAKER_OPEN_MS));
  }
}
