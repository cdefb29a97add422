package dev.vertxshop.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceLocation;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrdersConfigTest {

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("PG_HOST", "db.local", "KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092"));
    env.putAll(TestTokens.env());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void theDefaultsComeFromTheSharedConfiguration() {
    OrdersConfig config = OrdersConfig.from(ConfigLoader.load(env()));

    assertThat(config.httpPort()).isEqualTo(8081);
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.pg().host()).isEqualTo("db.local");
    assertThat(config.clientTimeout()).isEqualTo(Duration.ofMillis(2000));
    assertThat(config.responseWait()).isEqualTo(Duration.ofMillis(3000));
    assertThat(config.inventory()).isEqualTo(new ServiceLocation("inventory", Endpoint.Protocol.HTTP, "http://inventory.default.svc.cluster.local", false));
    assertThat(config.payments().address()).isEqualTo("http://payments.default.svc.cluster.local");
  }

  @Test
  void environmentVariablesOverrideTheDefaults() {
    OrdersConfig config = OrdersConfig.from(ConfigLoader.load(env(
        "ORDERS_HTTP_PORT", "9091",
        "INVENTORY_SERVICE_URL", "http://127.0.0.1:18082/",
        "PAYMENTS_SERVICE_URL", "http://pay.internal:80",
        "HTTP_CLIENT_TIMEOUT_MS", "750",
        "ORDERS_SAGA_RESPONSE_WAIT_MS", "100")));

    assertThat(config.httpPort()).isEqualTo(9091);
    assertThat(config.inventory()).isEqualTo(new ServiceLocation("inventory", Endpoint.Protocol.HTTP, "http://127.0.0.1:18082", true));
    assertThat(config.payments().address()).isEqualTo("http://pay.internal:80");
    assertThat(config.payments().configured()).isTrue();
    assertThat(config.clientTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.responseWait()).isEqualTo(Duration.ofMillis(100));
  }

  @Test
  void sagaRecoveryAndIdempotencyHaveTheirDefaults() {
    OrdersConfig config = OrdersConfig.from(ConfigLoader.load(env()));

    assertThat(config.durability()).isEqualTo(new DurabilityConfig(
        Duration.ofSeconds(10), Duration.ofSeconds(1), 50, Duration.ofHours(24)));
    assertThat(config.compensationRetry().maxAttempts()).isEqualTo(8);
  }

  @Test
  void sagaRecoveryAndIdempotencySettingsCanBeChanged() {
    Settings settings = ConfigLoader.load(env())
        .with("orders.saga.lease-ms", 30000)
        .with("orders.saga.recovery-interval-ms", 250)
        .with("orders.saga.recovery-batch-size", 200)
        .with("orders.saga.max-compensation-attempts", 3)
        .with("orders.idempotency.retention-ms", 3600000);

    OrdersConfig config = OrdersConfig.from(settings);

    assertThat(config.durability()).isEqualTo(new DurabilityConfig(
        Duration.ofSeconds(30), Duration.ofMillis(250), 200, Duration.ofHours(1)));
    assertThat(config.compensationRetry().maxAttempts()).isEqualTo(3);
  }

  @Test
  void invalidSagaRecoveryValuesNameTheirKey() {
    Settings defaults = ConfigLoader.load(env());

    assertThatThrownBy(() -> OrdersConfig.from(defaults.with("orders.saga.lease-ms", 0)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.saga.lease-ms"));
    assertThatThrownBy(() -> OrdersConfig.from(defaults.with("orders.saga.lease-ms", 1000)))
        .as("shorter than a call with its retries")
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.saga.lease-ms"));
    assertThatThrownBy(() -> OrdersConfig.from(defaults.with("orders.saga.recovery-batch-size", 0)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.saga.recovery-batch-size"));
    assertThatThrownBy(() -> OrdersConfig.from(defaults.with("orders.saga.max-compensation-attempts", "many")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.saga.max-compensation-attempts"));
    assertThatThrownBy(() -> OrdersConfig.from(defaults.with("orders.idempotency.retention-ms", -1)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.idempotency.retention-ms"));
  }

  @Test
  void theOutboxAndKafkaHaveTheirDefaults() {
    OrdersConfig config = OrdersConfig.from(ConfigLoader.load(env()));

    assertThat(config.outbox()).isEqualTo(new OutboxConfig(Duration.ofSeconds(1), 500, Duration.ofHours(24), Duration.ofMinutes(1)));
    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1:9092,kafka-2:9092");
    assertThat(config.kafka().partitions()).isEqualTo(3);
  }

  @Test
  void outboxSettingsCanBeChanged() {
    OrdersConfig config = OrdersConfig.from(ConfigLoader.load(env(
        "ORDERS_OUTBOX_POLL_INTERVAL_MS", "250",
        "ORDERS_OUTBOX_BATCH_SIZE", "20",
        "ORDERS_OUTBOX_RETENTION_MS", "3600000",
        "ORDERS_OUTBOX_PRUNE_INTERVAL_MS", "5000")));

    assertThat(config.outbox()).isEqualTo(new OutboxConfig(Duration.ofMillis(250), 20, Duration.ofHours(1), Duration.ofSeconds(5)));
  }

  @Test
  void invalidOutboxValuesNameTheirKey() {
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("ORDERS_OUTBOX_BATCH_SIZE", "0"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.outbox.batch-size"));
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("ORDERS_OUTBOX_POLL_INTERVAL_MS", "0"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.outbox.poll-interval-ms"));
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("ORDERS_OUTBOX_RETENTION_MS", "-1"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.outbox.retention-ms"));
  }

  @Test
  void withoutKafkaTheConfigurationNamesItsBootstrapServers() {
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("KAFKA_BOOTSTRAP_SERVERS", ""))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrap-servers"));
  }

  @Test
  void withoutAnIdentityProviderTheConfigurationNamesItsKey() {
    Map<String, String> noKeys = env();
    noKeys.remove("AUTH_JWT_PUBLIC_KEY");

    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(noKeys)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("auth.jwt.public-key"));
  }

  @Test
  void withoutADatabaseTheConfigurationNamesPgHost() {
    Map<String, String> noDatabase = new HashMap<>();

    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(noDatabase)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("pg.host"));
  }

  @Test
  void invalidValuesNameTheirKey() {
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("ORDERS_SAGA_RESPONSE_WAIT_MS", "0"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.saga.response-wait-ms"));
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("PAYMENTS_SERVICE_URL", "ftp://x"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("payments.service-url"));
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("ORDERS_HTTP_PORT", "70000"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("orders.http.port"));
    assertThatThrownBy(() -> OrdersConfig.from(ConfigLoader.load(env("HTTP_BODY_LIMIT_BYTES", "10"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.body-limit-bytes"));
  }
}
