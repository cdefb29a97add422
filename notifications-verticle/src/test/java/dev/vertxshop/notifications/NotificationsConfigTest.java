package dev.vertxshop.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.notifications.SmtpSettings.StartTls;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NotificationsConfigTest {

  private static final Map<String, String> COMPLETE = complete();

  private static Map<String, String> complete() {
    Map<String, String> env = new HashMap<>(Map.of(
        "PG_HOST", "db.example.com",
        "KAFKA_BOOTSTRAP_SERVERS", "kafka.example.com:9092",
        "REDIS_URL", "redis://redis.example.com:6379",
        "NOTIFICATIONS_SMTP_HOST", "smtp.example.com"));
    env.putAll(TestTokens.env());
    return Map.copyOf(env);
  }

  @Test
  void readsTheDefaultsOnceTheServersAreGiven() {
    NotificationsConfig config = NotificationsConfig.from(ConfigLoader.load(COMPLETE));

    assertThat(config.httpPort()).isEqualTo(8085);
    assertThat(config.pg().host()).isEqualTo("db.example.com");
    assertThat(config.kafka().bootstrapServers()).isEqualTo("kafka.example.com:9092");
    assertThat(config.redis().url()).isEqualTo("redis://redis.example.com:6379");
    assertThat(config.consumer().group()).isEqualTo("notifications");
    assertThat(config.smtp()).isEqualTo(new SmtpSettings("smtp.example.com", 587, StartTls.OPTIONAL, Optional.empty(), ""));
    assertThat(config.from()).isEqualTo("vertx-shop <orders@vertx-shop.dev>");
  }

  @Test
  void readsTheSmtpLoginAndStartTls() {
    NotificationsConfig config = NotificationsConfig.from(ConfigLoader.load(with(Map.of(
        "NOTIFICATIONS_SMTP_PORT", "2525",
        "NOTIFICATIONS_SMTP_STARTTLS", "required",
        "NOTIFICATIONS_SMTP_USERNAME", "shop",
        "NOTIFICATIONS_SMTP_PASSWORD", "secret"))));

    assertThat(config.smtp()).isEqualTo(new SmtpSettings("smtp.example.com", 2525, StartTls.REQUIRED, Optional.of("shop"), "secret"));
    assertThat(config.smtp().toString()).doesNotContain("secret");
  }

  @Test
  void refusesToStartWithoutAnSmtpHostNamingTheKey() {
    Map<String, String> env = new HashMap<>(COMPLETE);
    env.remove("NOTIFICATIONS_SMTP_HOST");

    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.smtp.host")
        .hasMessageContaining("NOTIFICATIONS_SMTP_HOST");
  }

  @Test
  void refusesAnUnknownStartTlsMode() {
    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(with(Map.of("NOTIFICATIONS_SMTP_STARTTLS", "sometimes")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.smtp.starttls");
  }

  @Test
  void refusesASenderThatIsNoAddress() {
    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(with(Map.of("NOTIFICATIONS_FROM", "vertx-shop")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.from");
  }

  @Test
  void refusesToStartWithoutKafkaNamingTheKey() {
    Map<String, String> env = new HashMap<>(COMPLETE);
    env.remove("KAFKA_BOOTSTRAP_SERVERS");

    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.bootstrap-servers");
  }

  @Test
  void refusesToStartWithoutRedisNamingTheKey() {
    Map<String, String> env = new HashMap<>(COMPLETE);
    env.remove("REDIS_URL");

    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("redis.url");
  }

  @Test
  void refusesToStartWithoutADatabaseNamingTheKey() {
    Map<String, String> env = new HashMap<>(COMPLETE);
    env.remove("PG_HOST");

    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(env)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pg.host");
  }

  @Test
  void rejectsAnInvalidPortNamingTheKey() {
    assertThatThrownBy(() -> NotificationsConfig.from(ConfigLoader.load(with(Map.of("NOTIFICATIONS_HTTP_PORT", "70000")))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("notifications.http.port")
        .hasMessageContaining("NOTIFICATIONS_HTTP_PORT");
  }

  private static Map<String, String> with(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(COMPLETE);
    env.putAll(extra);
    return env;
  }
}
