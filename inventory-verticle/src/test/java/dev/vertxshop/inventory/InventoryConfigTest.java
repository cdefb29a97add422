package dev.vertxshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryConfigTest {

  private static final Map<String, String> SERVERS = servers();

  private static Map<String, String> servers() {
    Map<String, String> servers = new HashMap<>(Map.of(
        "PG_HOST", "db.internal", "PG_DATABASE", "shop",
        "KAFKA_BOOTSTRAP_SERVERS", "kafka-1.internal:9092,kafka-2.internal:9092", "REDIS_URL", "redis://redis.internal:6379"));
    servers.putAll(TestTokens.env());
    return Map.copyOf(servers);
  }

  @Test
  void readsTheDefaults() {
    InventoryConfig config = InventoryConfig.from(ConfigLoader.load(SERVERS));

    assertThat(config.httpPort()).isEqualTo(8082);
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.demoCatalogue()).isTrue();
    assertThat(config.pg().host()).isEqualTo("db.internal");
    assertThat(config.pg().database()).isEqualTo("shop");
    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-1.internal:9092,kafka-2.internal:9092");
    assertThat(config.redis().url()).isEqualTo("redis://redis.internal:6379");
    assertThat(config.consumer().group()).isEqualTo("inventory");
    assertThat(config.consumer().maxAttempts()).isEqualTo(4);
    assertThat(config.consumer().doneTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void takesOverridesFromTheEnvironment() {
    InventoryConfig config = InventoryConfig.from(ConfigLoader.load(env(
        "INVENTORY_HTTP_PORT", "9082", "HTTP_BODY_LIMIT_BYTES", "4096", "INVENTORY_DEMO_CATALOGUE", "false",
        "PG_URL", "postgresql://shop:secret@pg.example:6543/inventory", "EVENTS_CONSUMER_MAX_ATTEMPTS", "7")));

    assertThat(config.httpPort()).isEqualTo(9082);
    assertThat(config.bodyLimitBytes()).isEqualTo(4096);
    assertThat(config.demoCatalogue()).isFalse();
    assertThat(config.pg().host()).isEqualTo("pg.example");
    assertThat(config.pg().port()).isEqualTo(6543);
    assertThat(config.pg().database()).isEqualTo("inventory");
    assertThat(config.consumer().maxAttempts()).isEqualTo(7);
  }

  @Test
  void requiresADatabaseServer() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("pg.host"));
  }

  @Test
  void requiresAKafkaCluster() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("KAFKA_BOOTSTRAP_SERVERS", ""))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrap-servers"));
  }

  @Test
  void requiresARedisServer() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("REDIS_URL", ""))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("redis.url"));
  }

  @Test
  void namesTheKeyOfAnInvalidPort() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("INVENTORY_HTTP_PORT", "70000"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("inventory.http.port"));
  }

  @Test
  void namesTheKeyOfAnInvalidBodyLimit() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("HTTP_BODY_LIMIT_BYTES", "12"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.body-limit-bytes"));
  }

  @Test
  void namesTheKeyOfAnInvalidDemoFlag() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("INVENTORY_DEMO_CATALOGUE", "sometimes"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("inventory.demo-catalogue"));
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(SERVERS);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }
}
