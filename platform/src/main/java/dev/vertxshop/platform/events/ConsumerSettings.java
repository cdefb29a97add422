package dev.vertxshop.platform.events;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How one consumer group handles its events ({@code events.consumer.*}).
 *
 * @param group the consumer group, named after the service
 * @param maxAttempts attempts of one event, the first included, before it is dead-lettered
 * @param retryBackoff the wait before the first retry; it doubles with each further attempt...
 * @param retryBackoffMax ...up to this
 * @param processingLease how long an event marked PROCESSING in Redis stays held by its consumer
 * @param doneTtl how long an event marked DONE in Redis is remembered
 */
public record ConsumerSettings(
    String group, int maxAttempts, Duration retryBackoff, Duration retryBackoffMax, Duration processingLease, Duration doneTtl) {

  public ConsumerSettings {
    if (group == null || !group.matches("[a-z][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException("a consumer group is a lower-case name, not '" + group + "'");
    }
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new ConfigException("events.consumer.max-attempts", maxAttempts + " is outside 1..100");
    }
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(processingLease, "processingLease");
    Objects.requireNonNull(doneTtl, "doneTtl");
    if (retryBackoffMax.compareTo(retryBackoff) < 0) {
      throw new ConfigException("events.consumer.retry-backoff-max-ms", "is below events.consumer.retry-backoff-ms");
    }
  }

  public static ConsumerSettings from(Settings settings, String group) {
    return new ConsumerSettings(
        group,
        settings.integer("events.consumer.max-attempts", 1, 100),
        settings.millis("events.consumer.retry-backoff-ms"),
        settings.millis("events.consumer.retry-backoff-max-ms"),
        settings.millis("events.consumer.processing-lease-ms"),
        settings.millis("events.consumer.done-ttl-ms"));
  }

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed ones (1 or more). */
  public Duration backoffAfter(int attempt) {
    long millis = retryBackoff.toMillis();
    for (int i = 1; i < attempt && millis < retryBackoffMax.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, retryBackoffMax.toMillis()));
  }

  /** A copy for another group (tests use a fresh group per test). */
  public ConsumerSettings withGroup(String otherGroup) {
    return new ConsumerSettings(otherGroup, maxAttempts, retryBackoff, retryBackoffMax, processingLease, doneTtl);
  }
}
