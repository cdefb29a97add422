package dev.vertxshop.orders;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox of order events is relayed to Kafka and pruned, validated at start-up.
 *
 * @param pollInterval {@code orders.outbox.poll-interval-ms} (1000): the relay publishes as soon as
 *     PostgreSQL notifies it of a new event, and also looks this often in case a notification was
 *     missed
 * @param batchSize {@code orders.outbox.batch-size} (500): the most events one pass of the relay
 *     publishes; a full batch is followed by another pass at once
 * @param retention {@code orders.outbox.retention-ms} (86400000, 24 h): how long a published event is
 *     kept
 * @param pruneInterval {@code orders.outbox.prune-interval-ms} (60000): how often published events
 *     older than the retention are deleted
 */
public record OutboxConfig(Duration pollInterval, int batchSize, Duration retention, Duration pruneInterval) {

  static final String POLL_INTERVAL = "orders.outbox.poll-interval-ms";
  static final String BATCH_SIZE = "orders.outbox.batch-size";
  static final String RETENTION = "orders.outbox.retention-ms";
  static final String PRUNE_INTERVAL = "orders.outbox.prune-interval-ms";

  public OutboxConfig {
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(retention, "retention");
    Objects.requireNonNull(pruneInterval, "pruneInterval");
  }

  /** Reads and validates the keys; throws {@link ConfigException} naming a bad one. */
  public static OutboxConfig from(Settings settings) {
    return new OutboxConfig(
        settings.millis(POLL_INTERVAL),
        settings.integer(BATCH_SIZE, 1, 10_000),
        settings.millis(RETENTION),
        settings.millis(PRUNE_INTERVAL));
  }
}
