package dev.vertxshop.notifications;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.events.ConsumerSettings;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.events.RedisSettings;
import dev.vertxshop.platform.pg.PgSettings;
import java.util.Objects;

/**
 * What the notifications service needs at start-up.
 *
 * @param httpPort port of the HTTP API ({@code notifications.http.port}); 0 binds any free port
 * @param bodyLimitBytes largest request body accepted ({@code http.body-limit-bytes})
 * @param pg the PostgreSQL server that holds the {@code notifications} schema ({@code pg.*})
 * @param kafka the Kafka cluster the order events come from ({@code kafka.*})
 * @param redis the Redis server of the consumer's fast duplicate filter ({@code redis.url})
 * @param consumer the consumer group {@code notifications} ({@code events.consumer.*})
 * @param smtp the SMTP server that takes the e-mails ({@code notifications.smtp.*})
 * @param from the sender of every e-mail, {@code address} or {@code Name <address>} ({@code notifications.from})
 * @param auth how requests are authenticated ({@code auth.*}): every operation needs the admin grant
 */
public record NotificationsConfig(
    int httpPort,
    int bodyLimitBytes,
    PgSettings pg,
    KafkaSettings kafka,
    RedisSettings redis,
    ConsumerSettings consumer,
    SmtpSettings smtp,
    String from,
    AuthSettings auth) {

  /** The service's name: its consumer group, its schema, and what configuration errors name. */
  public static final String SERVICE = "notifications";

  public NotificationsConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("notifications.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < 1) {
      throw new ConfigException("http.body-limit-bytes", bodyLimitBytes + " is not positive");
    }
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(redis, "redis");
    Objects.requireNonNull(consumer, "consumer");
    Objects.requireNonNull(smtp, "smtp");
    if (from == null || from.isBlank() || from.indexOf('@') < 0 || from.indexOf('\r') >= 0 || from.indexOf('\n') >= 0) {
      throw new ConfigException("notifications.from", "'" + from + "' is not an e-mail address");
    }
  }

  /** Reads and validates the notifications service's keys; throws {@link ConfigException} naming the bad key. */
  public static NotificationsConfig from(Settings settings) {
    return new NotificationsConfig(
        settings.port("notifications.http.port"),
        settings.integer("http.body-limit-bytes", 1, Integer.MAX_VALUE),
        PgSettings.configured(settings).orElseThrow(() ->
            new ConfigException("pg.host", "notifications needs a PostgreSQL server: set pg.url or pg.host")),
        KafkaSettings.require(settings, SERVICE),
        RedisSettings.require(settings, SERVICE),
        ConsumerSettings.from(settings, SERVICE),
        SmtpSettings.from(settings),
        settings.string("notifications.from"),
        AuthSettings.from(settings));
  }
}
