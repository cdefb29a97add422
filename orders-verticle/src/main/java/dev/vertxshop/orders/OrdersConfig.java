package dev.vertxshop.orders;

import dev.vertxshop.orders.domain.RetryPolicy;
import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.discovery.ServiceLocation;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.http.RateLimitSettings;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.platform.resilience.ResilienceSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the orders service reads from its configuration, validated at start-up.
 *
 * @param httpPort {@code orders.http.port} (0 picks a free port)
 * @param bodyLimitBytes {@code http.body-limit-bytes}: larger request bodies are answered 413
 * @param pg where the {@code orders} schema lives ({@code pg.*}; required)
 * @param inventory where inventory answers ({@code inventory.service-url}; unset: found in the cluster
 *     when clustered, its Kubernetes name otherwise)
 * @param payments where payments answers ({@code payments.service-url}, likewise)
 * @param clientTimeout {@code http.client.timeout-ms}: the time allowed for one call to inventory or
 *     payments; after it the call's outcome is unknown
 * @param responseWait {@code orders.saga.response-wait-ms}: how long {@code POST /api/orders} waits
 *     for the saga before answering 202 PENDING
 * @param compensationRetry when to retry an undo whose outcome was unknown: after {@code
 *     orders.saga.compensation-retry-initial-ms}, doubling up to {@code
 *     orders.saga.compensation-retry-max-ms}, parking the saga after {@code
 *     orders.saga.max-compensation-attempts} attempts
 * @param durability saga leases and recovery, idempotency keys ({@link DurabilityConfig})
 * @param resilience {@code http.client.*}: per-call timeout and deadline, retries of calls that are
 *     safe to repeat, and the circuit breakers of inventory and payments
 * @param outbox how the events of settled orders are relayed to Kafka and pruned ({@link
 *     OutboxConfig})
 * @param kafka the Kafka cluster the order events are published to ({@code kafka.*}; {@code
 *     kafka.bootstrap-servers} is required)
 * @param rateLimit the per-client limit of {@code POST /api/orders} ({@code orders.rate-limit.*})
 * @param auth how requests are authenticated and what orders presents to inventory and payments
 *     ({@code auth.*}; an identity provider is required)
 */
public record OrdersConfig(
    int httpPort,
    int bodyLimitBytes,
    PgSettings pg,
    ServiceLocation inventory,
    ServiceLocation payments,
    Duration clientTimeout,
    Duration responseWait,
    RetryPolicy compensationRetry,
    ResilienceSettings resilience,
    DurabilityConfig durability,
    OutboxConfig outbox,
    KafkaSettings kafka,
    RateLimitSettings rateLimit,
    AuthSettings auth) {

  public OrdersConfig {
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(inventory, "inventory");
    Objects.requireNonNull(payments, "payments");
    Objects.requireNonNull(clientTimeout, "clientTimeout");
    Objects.requireNonNull(responseWait, "responseWait");
    Objects.requireNonNull(compensationRetry, "compensationRetry");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(durability, "durability");
    Objects.requireNonNull(outbox, "outbox");
    Objects.requireNonNull(kafka, "kafka");
    Objects.requireNonNull(rateLimit, "rateLimit");
    Objects.requireNonNull(auth, "auth");
  }

  /** Reads and validates the configuration; throws {@link ConfigException} naming a bad key. */
  public static OrdersConfig from(Settings settings) {
    return new OrdersConfig(
        settings.port("orders.http.port"),
        settings.integer("http.body-limit-bytes", 1024, 64 * 1024 * 1024),
        PgSettings.configured(settings)
            .orElseThrow(() -> new ConfigException("pg.host", "the orders service needs a PostgreSQL server (pg.url or pg.host)")),
        settings.serviceLocation("inventory"),
        settings.serviceLocation("payments"),
        settings.millis("http.client.timeout-ms"),
        settings.millis("orders.saga.response-wait-ms"),
        compensationRetry(settings),
        ResilienceSettings.from(settings),
        DurabilityConfig.from(settings),
        OutboxConfig.from(settings),
        KafkaSettings.require(settings, "the orders service"),
        RateLimitSettings.from(settings, "orders.rate-limit"),
        AuthSettings.from(settings));
  }

  private static RetryPolicy compensationRetry(Settings settings) {
    Duration initial = settings.millis("orders.saga.compensation-retry-initial-ms");
    Duration max = settings.millis("orders.saga.compensation-retry-max-ms");
    if (max.compareTo(initial) < 0) {
      throw new ConfigException("orders.saga.compensation-retry-max-ms",
          "must be at least orders.saga.compensation-retry-initial-ms (" + initial.toMillis() + ")");
    }
    return new RetryPolicy(initial, max, DurabilityConfig.maxCompensationAttempts(settings));
  }

  public OrdersConfig withHttpPort(int port) {
    return new OrdersConfig(port, bodyLimitBytes, pg, inventory, payments, clientTimeout, responseWait, compensationRetry, resilience,
        durability, outbox, kafka, rateLimit, auth);
  }
}
