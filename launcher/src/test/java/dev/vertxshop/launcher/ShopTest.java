package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.embedded.EmbeddedKafka;
import dev.vertxshop.embedded.EmbeddedRedis;
import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.pg.PgSettings;
import io.vertx.core.Future;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link Shop#start} provides besides the services: the database, the embedded Kafka, Redis and
 * SMTP servers, and cleaning up after a failure.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShopTest {

  @Test
  void startsAnEmbeddedPostgresWhenNoneIsConfiguredAndDeletesItOnClose() throws Exception {
    int inventoryPort = FreePorts.pick();
    // Only this map is read: no PG_HOST or PG_URL, whatever the machine's environment holds.
    Map<String, String> env = Map.of(
        "INVENTORY_HTTP_PORT", Integer.toString(inventoryPort),
        "INVENTORY_DEMO_CATALOGUE", "false",
        "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
        "REDIS_URL", TestRedis.url());

    RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("inventory")).await(90, TimeUnit.SECONDS);
    PgSettings pg;
    Path data;
    try {
      assertThat(shop.database().kind()).isEqualTo(ShopDatabase.Kind.EMBEDDED);
      pg = shop.database().pg().orElseThrow();
      data = shop.database().dataDirectory().orElseThrow();
      assertThat(pg.host()).isEqualTo("127.0.0.1");
      assertThat(Http.accepts(pg.port())).isTrue();
      assertThat(data).startsWith(Path.of(System.getProperty("java.io.tmpdir")));
      assertThat(Http.get(shop.url("inventory").resolve("/health/ready")).statusCode()).isEqualTo(200);
      String catalogue = Http.get(shop.url("inventory").resolve("/api/products")).body();
      assertThat(new JsonObject(catalogue).getJsonArray("products")).isEmpty();
    } finally {
      shop.close().await(30, TimeUnit.SECONDS);
    }
    assertThat(Http.accepts(inventoryPort)).isFalse();
    assertThat(Http.accepts(pg.port())).isFalse();
    assertThat(Files.exists(data)).isFalse();
  }

  @Test
  void startsNoDatabaseWhenNoSelectedServiceNeedsOne() throws Exception {
    int port = FreePorts.pick();
    Map<String, String> env = Map.of("FRAUD_HTTP_PORT", Integer.toString(port));

    RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("fraud")).await(30, TimeUnit.SECONDS);
    try {
      assertThat(shop.database().kind()).isEqualTo(ShopDatabase.Kind.NONE);
      assertThat(shop.database().pg()).isEmpty();
      assertThat(shop.services()).containsExactly("fraud");
      assertThat(shop.ports()).containsEntry("fraud", port);
      assertThat(shop.describeServers()).containsExactly("Database: none (no selected service needs PostgreSQL)");
      assertThat(shop.servers().kafka()).isEmpty();
      assertThat(shop.smtp()).isEmpty();
    } finally {
      shop.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void startsEmbeddedKafkaRedisAndSmtpWhenNoneIsConfiguredAndStopsThemAfterTheServices() throws Exception {
    int httpPort = FreePorts.pick();
    try (TestDatabase database = TestPostgres.createDatabase()) {
      Map<String, String> env = new HashMap<>(database.env());
      env.putAll(Map.of(
          "NOTIFICATIONS_HTTP_PORT", Integer.toString(httpPort),
          "KAFKA_EMBEDDED_PORT", "0",
          "REDIS_EMBEDDED_PORT", "0",
          "NOTIFICATIONS_SMTP_EMBEDDED_PORT", "0"));

      RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("notifications")).await(90, TimeUnit.SECONDS);
      EmbeddedKafka kafka;
      EmbeddedRedis redis;
      EmbeddedSmtp smtp;
      try {
        kafka = shop.servers().kafka().orElseThrow();
        redis = shop.servers().redis().orElseThrow();
        smtp = shop.smtp().orElseThrow();
        assertThat(Http.accepts(kafka.port())).isTrue();
        assertThat(Http.accepts(redis.port())).isTrue();
        assertThat(Http.accepts(smtp.port())).isTrue();
        assertThat(shop.describeServers())
            .anySatisfy(line -> assertThat(line).startsWith("Kafka: embedded broker at " + kafka.bootstrapServers())
                .contains("deleted on exit"))
            .contains("Redis: embedded server at " + redis.url()
                + " (nothing kept on disk; set REDIS_URL to use a server of your own)")
            .anySatisfy(line -> assertThat(line).startsWith("SMTP: embedded server at 127.0.0.1:" + smtp.port()));
        // Ready means its consumer reaches the broker and Redis answers.
        assertThat(Http.get(shop.url("notifications").resolve("/health/ready")).statusCode()).isEqualTo(200);
      } finally {
        shop.close().await(60, TimeUnit.SECONDS);
      }
      assertThat(Http.accepts(httpPort)).isFalse();
      assertThat(List.of(kafka.port(), redis.port(), smtp.port())).noneMatch(Http::accepts);
      assertThat(Files.exists(kafka.dataDir())).as("the broker's temporary data").isFalse();
    }
  }

  @Test
  void keepsTheEmbeddedKafkaDataInTheConfiguredDirectory(@TempDir Path dataDir) throws Exception {
    try (TestDatabase database = TestPostgres.createDatabase()) {
      Map<String, String> env = new HashMap<>(database.env());
      env.putAll(Map.of(
          "ANALYTICS_HTTP_PORT", "0",
          "REDIS_URL", TestRedis.url(),
          "KAFKA_EMBEDDED_PORT", "0",
          "KAFKA_EMBEDDED_DATA_DIR", dataDir.toString()));

      RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("analytics")).await(90, TimeUnit.SECONDS);
      try {
        assertThat(shop.servers().kafka().orElseThrow().dataDir()).isEqualTo(dataDir);
        assertThat(shop.describeServers()).anySatisfy(line -> assertThat(line).startsWith("Kafka: embedded").contains(", kept"));
      } finally {
        shop.close().await(60, TimeUnit.SECONDS);
      }
      assertThat(dataDir.resolve("meta.properties")).exists();
    }
  }

  @Test
  void failsNamingThePortKeyAndLeavesNothingRunningWhenTheEmbeddedKafkaPortIsTaken() throws Exception {
    List<Integer> ports = FreePorts.pick(2);
    int httpPort = ports.get(0);
    int smtpPort = ports.get(1);
    try (TestDatabase database = TestPostgres.createDatabase();
        ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Map<String, String> env = new HashMap<>(database.env());
      env.putAll(Map.of(
          "NOTIFICATIONS_HTTP_PORT", Integer.toString(httpPort),
          "REDIS_URL", TestRedis.url(),
          "KAFKA_EMBEDDED_PORT", Integer.toString(taken.getLocalPort()),
          "NOTIFICATIONS_SMTP_EMBEDDED_PORT", Integer.toString(smtpPort)));

      Future<RunningShop> starting = Shop.start(ConfigLoader.load(env), Set.of("notifications"));

      assertThatThrownBy(() -> starting.await(60, TimeUnit.SECONDS))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("kafka.embedded.port")
          .hasMessageContaining("KAFKA_EMBEDDED_PORT")
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort() + ": the port is already in use");
    }
    assertThat(Http.accepts(httpPort)).isFalse();
    assertThat(Http.accepts(smtpPort)).as("the embedded SMTP server was stopped").isFalse();
  }

  @Test
  void failsAndLeavesNothingRunningWhenAServiceCannotStart() throws Exception {
    List<Integer> ports = FreePorts.pick(3);
    try (TestDatabase database = TestPostgres.createDatabase()) {
      Map<String, String> env = new HashMap<>(database.env());
      env.putAll(Map.of(
          "FRAUD_HTTP_PORT", ports.get(0).toString(),
          "NOTIFICATIONS_HTTP_PORT", ports.get(1).toString(),
          "NOTIFICATIONS_SMTP_EMBEDDED_PORT", ports.get(2).toString(),
          "KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers(),
          "REDIS_URL", TestRedis.url()));
      Future<RunningShop> starting;
      try (ServerSocket taken = new ServerSocket(ports.get(0))) {
        starting = Shop.start(ConfigLoader.load(env), Set.of("fraud", "notifications"));
        assertThatThrownBy(() -> starting.await(60, TimeUnit.SECONDS)).hasMessageContaining("Address already in use");
      }
    }
    assertThat(Http.accepts(ports.get(1))).as("notifications was undeployed").isFalse();
    assertThat(Http.accepts(ports.get(2))).as("the embedded SMTP server was stopped").isFalse();
  }

  @Test
  void failsBeforeStartingAnythingWhenTheConfigurationIsInvalid() {
    Map<String, String> env = Map.of("PG_POOL_SIZE", "none");

    Future<RunningShop> starting = Shop.start(ConfigLoader.load(env), Set.of("inventory"));

    assertThat(starting.failed()).isTrue();
    assertThat(starting.cause()).isInstanceOf(ConfigException.class).hasMessageContaining("pg.pool-size");
  }

  @Test
  void failsBeforeStartingAnythingWhenAnEmbeddedServersPortIsInvalid() {
    Map<String, String> env = Map.of("PG_HOST", "127.0.0.1", "KAFKA_EMBEDDED_PORT", "ninety-ninety-two");

    Future<RunningShop> starting = Shop.start(ConfigLoader.load(env), Set.of("orders"));

    assertThat(starting.failed()).isTrue();
    assertThat(starting.cause()).isInstanceOf(ConfigException.class).hasMessageContaining("kafka.embedded.port");
  }

  @Test
  void refusesAnUnknownService() {
    Future<RunningShop> starting = Shop.start(ConfigLoader.load(Map.of()), Set.of("shipping"));

    assertThat(starting.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shipping");
  }
}
