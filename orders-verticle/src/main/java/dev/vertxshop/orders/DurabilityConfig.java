package dev.vertxshop.orders;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the orders service survives crashes and repeated requests, validated at start-up.
 *
 * <p>A key missing from the packaged defaults (a platform jar built before the key existed) takes
 * the default named here, which is the one in {@code conf/application.yaml}.
 *
 * @param lease {@code orders.saga.lease-ms} (10000): how long an instance holds a saga it drives
 *     without writing to it; after that another instance may take it over. Longer than one call to
 *     inventory or payments with its retries ({@code http.client.deadline-ms}, or {@code
 *     http.client.timeout-ms} where no deadline is configured).
 * @param recoveryInterval {@code orders.saga.recovery-interval-ms} (1000): the pause between two
 *     sweeps for sagas that nobody drives
 * @param recoveryBatchSize {@code orders.saga.recovery-batch-size} (50): the most sagas one sweep
 *     claims
 * @param idempotencyRetention {@code orders.idempotency.retention-ms} (86400000, 24 h): how long an
 *     {@code Idempotency-Key} of {@code POST /api/orders} is remembered
 */
public record DurabilityConfig(Duration lease, Duration recoveryInterval, int recoveryBatchSize, Duration idempotencyRetention) {

  static final String LEASE = "orders.saga.lease-ms";
  static final String RECOVERY_INTERVAL = "orders.saga.recovery-interval-ms";
  static final String RECOVERY_BATCH_SIZE = "orders.saga.recovery-batch-size";
  static final String MAX_COMPENSATION_ATTEMPTS = "orders.saga.max-compensation-attempts";
  static final String IDEMPOTENCY_RETENTION = "orders.idempotency.retention-ms";

  public DurabilityConfig {
    Objects.requireNonNull(lease, "lease");
    Objects.requireNonNull(recoveryInterval, "recoveryInterval");
    Objects.requireNonNull(idempotencyRetention, "idempotencyRetention");
  }

  /** Reads and validates the keys; throws {@link ConfigException} naming a bad one. */
  public static DurabilityConfig from(Settings settings) {
    Duration lease = millis(settings, LEASE, 10_000);
    String callKey = settings.has("http.client.deadline-ms") ? "http.client.deadline-ms" : "http.client.timeout-ms";
    if (settings.has(callKey) && lease.compareTo(settings.millis(callKey)) <= 0) {
      throw new ConfigException(LEASE, "must be longer than " + callKey + " (" + settings.millis(callKey).toMillis()
          + "), or another instance would take a saga over in the middle of a slow call");
    }
    return new DurabilityConfig(
        lease,
        millis(settings, RECOVERY_INTERVAL, 1_000),
        settings.has(RECOVERY_BATCH_SIZE) ? settings.integer(RECOVERY_BATCH_SIZE, 1, 10_000) : 50,
        millis(settings, IDEMPOTENCY_RETENTION, Duration.ofHours(24).toMillis()));
  }

  /** {@code orders.saga.max-compensation-attempts} (8): attempts of one undo before its saga is parked. */
  static int maxCompensationAttempts(Settings settings) {
    return settings.has(MAX_COMPENSATION_ATTEMPTS) ? settings.integer(MAX_COMPENSATION_ATTEMPTS, 1, 1000) : 8;
  }

  private static Duration millis(Settings settings, String key, long fallback) {
    return settings.has(key) ? settings.millis(key) : Duration.ofMillis(fallback);
  }
}
