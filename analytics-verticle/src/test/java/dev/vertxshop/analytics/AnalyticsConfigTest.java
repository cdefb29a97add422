package dev.vertxshop.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnalyticsConfigTest {

  private static final Map<String, String> REQUIRED = required();

  private static Map<String, String> required() {
    Map<String, String> env = new HashMap<>(Map.of(
        "PG_HOST", "db.internal",
        "PG_DATABASE", "shop",
        "KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092",
        "REDIS_URL", "redis://cache.internal:6380"));
    env.putAll(TestTokens.env());
    return Map.copyOf(env);
  }

  @Test
  void readsTheDefaults() {
    AnalyticsConfig config = AnalyticsConfig.from(ConfigLoader.load(REQUIRED));

    assertThat(config.httpPort()).isEqualTo(8086);
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.pg().host()).isEqualTo("db.internal");
    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka-0:9092,kafka-1:9092");
    assertThat(config.redis().url()).isEqualTo("redis://cache.internal:6380");
    assertThat(config.consumer().group()).isEqualTo("analytics");
    assertThat(config.consumer().maxAttempts()).isEqualTo(4);
    assertThat(config.consumer().doneTtl()).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void takesOverridesFromTheEnvironment() {
    AnalyticsConfig config = AnalyticsConfig.from(ConfigLoader.load(env(
        "ANALYTICS_HTTP_PORT", "9086", "HTTP_BODY_LIMIT_BYTES", "4096", "EVENTS_CONSUMER_MAX_ATTEMPTS", "7",
        "PG_URL", "postgresql://shop:secret@pg.example:6543/analytics")));

    assertThat(config.httpPort()).isEqualTo(9086);
    assertThat(config.bodyLimitBytes()).isEqualTo(4096);
    assertThat(config.consumer().maxAttempts()).isEqualTo(7);
    assertThat(config.pg().port()).isEqualTo(6543);
    assertThat(config.pg().database()).isEqualTo("analytics");
  }

  @Test
  void consumesAsAnotherGroupWhenTold() {
    AnalyticsConfig config = AnalyticsConfig.from(ConfigLoader.load(REQUIRED)).withConsumerGroup("analytics-replica");

    assertThat(config.consumer().group()).isEqualTo("analytics-replica");
    assertThat(config.consumer().maxAttempts()).isEqualTo(4);
  }

  @Test
  void requiresADatabaseServer() {
    assertThatThrownBy(() -> AnalyticsConfig.from(ConfigLoader.load(without("PG_HOST"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("pg.host"));
  }

  @Test
  void requiresAKafkaCluster() {
    assertThatThrownBy(() -> AnalyticsConfig.from(ConfigLoader.load(without("KAFKA_BOOTSTRAP_SERVERS"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.bootstrap-servers"));
  }

  @Test
  void requiresARedisServer() {
    assertThatThrownBy(() -> AnalyticsConfig.from(ConfigLoader.load(without("REDIS_URL"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("redis.url"));
  }

  @Test
  void namesTheKeyOfAnInvalidPort() {
    assertThatThrownBy(() -> AnalyticsConfig.from(ConfigLoader.load(env("ANALYTICS_HTTP_PORT", "70000"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("analytics.http.port"));
  }

  @Test
  void namesTheKeyOfAnInvalidBodyLimit() {
    assertThatThrownBy(() -> AnalyticsConfig.from(ConfigLoader.load(env("HTTP_BODY_LIMIT_BYTES", "12"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.body-limit-bytes"));
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(REQUIRED);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }

  private static Map<String, String> without(String key) {
    Map<String, String> env = new HashMap<>(REQUIRED);
    env.remove(key);
    return env;
  }
}
