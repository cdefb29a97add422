package dev.vertxshop.inventory;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.events.ConsumerSettings;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.RedisSettings;
import dev.vertxshop.platform.pg.PgSettings;
import java.util.Objects;

/**
 * The inventory service's configuration, read and checked once at start-up.
 *
 * @param httpPort port of the HTTP API ({@code inventory.http.port}; 0 picks a free one)
 * @param bodyLimitBytes largest request body accepted, larger ones are answered 413 ({@code http.body-limit-bytes})
 * @param pg the PostgreSQL server that holds the {@code inventory} schema ({@code pg.*})
 * @param demoCatalogue whether to insert the demo products at start-up ({@code inventory.demo-catalogue})
 * @param kafka the Kafka cluster whose topic {@code orders} the service consumes ({@code kafka.*})
 * @param redis the Redis server of the consumer's fast duplicate filter ({@code redis.url})
 * @param consumer the consumer group {@code inventory} and its retries ({@code events.consumer.*})
 * @param auth how requests are authenticated ({@code auth.*}; an identity provider is required)
 */
public record InventoryConfig(
    int httpPort, int bodyLimitBytes, PgSettings pg, boolean demoCatalogue,
    KafkaSettings kafka, RedisSettings redis, ConsumerSettings consumer, AuthSettings auth) {

  public static final int MIN_BODY_LIMIT_BYTES = 1024;
  public static final int MAX_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

  public InventoryConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("inventory.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < MIN_BODY_LIMIT_BYTES || bodyLimitBytes > MAX_BODY_LIMIT_BYTES) {
      throw new ConfigException("http.body-limit-bytes",
          bodyLimitBytes + " is outside " + MIN_BODY_LIMIT_BYTES + ".." + MAX_BODY_LIMIT_BYTES);
    }
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(auth, "auth");
  }

  /** Reads every key the service needs; throws a {@link ConfigException} naming the first bad one. */
  public static InventoryConfig from(Settings settings) {
    return new InventoryConfig(
        settings.port("inventory.http.port"),
        settings.integer("http.body-limit-bytes", MIN_BODY_LIMIT_BYTES, MAX_BODY_LIMIT_BYTES),
        PgSettings.configured(settings)
            .orElseThrow(() -> new ConfigException("pg.host", "the inventory needs a PostgreSQL server: set pg.url or pg.host")),
        settings.bool("inventory.demo-catalogue"),
        KafkaSettings.require(settings, InventoryVerticle.SERVICE),
        RedisSettings.require(settings, InventoryVerticle.SERVICE),
        ConsumerSettings.from(settings, InventoryVerticle.SERVICE),
        AuthSettings.from(settings));
  }
}
