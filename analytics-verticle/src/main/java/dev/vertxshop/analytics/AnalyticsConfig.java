package dev.vertxshop.analytics;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.events.ConsumerSettings;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.RedisSettings;
import dev.vertxshop.platform.pg.PgSettings;
import java.util.Objects;

/**
 * The analytics service's configuration, read and checked once at start-up.
 *
 * @param httpPort port of the HTTP API ({@code analytics.http.port}; 0 picks a free one)
 * @param bodyLimitBytes largest request body accepted, larger ones are answered 413 ({@code http.body-limit-bytes})
 * @param pg the PostgreSQL server that holds the {@code analytics} schema ({@code pg.*})
 * @param kafka the Kafka cluster whose topic {@code orders} is counted ({@code kafka.*})
 * @param redis the Redis server of the consumer's fast duplicate filter ({@code redis.url})
 * @param consumer the consumer group {@code analytics} and its retries ({@code events.consumer.*})
 * @param auth how requests are authenticated ({@code auth.*}): every operation needs the admin grant
 */
public record AnalyticsConfig(
    int httpPort, int bodyLimitBytes, PgSettings pg, KafkaSettings kafka, RedisSettings redis, ConsumerSettings consumer,
    AuthSettings auth) {

  public static final int MIN_BODY_LIMIT_BYTES = 1024;
  public static final int MAX_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

  public AnalyticsConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("analytics.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < MIN_BODY_LIMIT_BYTES || bodyLimitBytes > MAX_BODY_LIMIT_BYTES) {
      throw new ConfigException("http.body-limit-bytes",
          bodyLimitBytes + " is outside " + MIN_BODY_LIMIT_BYTES + ".." + MAX_BODY_LIMIT_BYTES);
    }
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(consumer, "consumer");
  }

  /** Reads every key the service needs; throws a {@link ConfigException} naming the first bad one. */
  public static AnalyticsConfig from(Settings settings) {
    return new AnalyticsConfig(
        settings.port("analytics.http.port"),
        settings.integer("http.body-limit-bytes", MIN_BODY_LIMIT_BYTES, MAX_BODY_LIMIT_BYTES),
        PgSettings.configured(settings)
            .orElseThrow(() -> new ConfigException("pg.host", "analytics needs a PostgreSQL server: set pg.url or pg.host")),
        KafkaSettings.require(settings, AnalyticsVerticle.SERVICE),
        RedisSettings.require(settings, AnalyticsVerticle.SERVICE),
        ConsumerSettings.from(settings, AnalyticsVerticle.SERVICE),
        AuthSettings.from(settings));
  }

  /** A copy whose consumer uses another group (tests give each service a group of its own). */
  public AnalyticsConfig withConsumerGroup(String group) {
    return new AnalyticsConfig(httpPort, bodyLimitBytes, pg, kafka, redis, consumer.withGroup(group), auth);
  }
}
