package dev.vertxshop.platform.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How a call that is safe to repeat is retried: up to {@code maxAttempts} attempts in all, waiting
 * before attempt n+1 a random time between 0 and {@code min(maxBackoff, initialBackoff * 2^(n-1))}
 * (exponential backoff with full jitter, so that callers that failed together do not retry together).
 *
 * @param maxAttempts {@code http.client.retry.max-attempts}: attempts including the first (1..10; 1
 *     turns retries off)
 * @param initialBackoff {@code http.client.retry.initial-backoff-ms}: the bound of the first wait
 * @param maxBackoff {@code http.client.retry.max-backoff-ms}: the bound doubles up to this
 */
public record RetrySettings(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

  /** 3 attempts, waits bounded by 50 ms, 100 ms, ... up to 1 s. */
  public static final RetrySettings DEFAULTS = new RetrySettings(3, Duration.ofMillis(50), Duration.ofSeconds(1));

  /** One attempt: nothing is retried. */
  public static final RetrySettings NONE = new RetrySettings(1, Duration.ofMillis(1), Duration.ofMillis(1));

  public static final int MAX_ATTEMPTS = 10;

  public RetrySettings {
    if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
      throw new IllegalArgumentException("maxAttempts is 1.." + MAX_ATTEMPTS + ", not " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.toMillis() < 1) {
      throw new IllegalArgumentException("initialBackoff must be at least 1 ms, not " + initialBackoff);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") is below initialBackoff (" + initialBackoff + ")");
    }
  }
}
