package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.pg.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What {@link Shop#start} provides besides the services: the database, and cleaning up after a failure. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ShopTest {

  @Test
  void startsAnEmbeddedPostgresWhenNoneIsConfiguredAndDeletesItOnClose() throws Exception {
    int inventoryPort = FreePorts.pick();
    // Only this map is read: no PG_HOST or PG_URL, whatever the machine's environment holds.
    Map<String, String> env = Map.of("INVENTORY_HTTP_PORT", Integer.toString(inventoryPort), "INVENTORY_DEMO_CATALOGUE", "false");

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
    List<Integer> ports = FreePorts.pick(2);
    Map<String, String> env = Map.of(
        "FRAUD_HTTP_PORT", ports.get(0).toString(),
        "NOTIFICATIONS_HTTP_PORT", ports.get(1).toString());

    RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("notifications", "fraud")).await(30, TimeUnit.SECONDS);
    try {
      assertThat(shop.database().kind()).isEqualTo(ShopDatabase.Kind.NONE);
      assertThat(shop.database().pg()).isEmpty();
      assertThat(shop.services()).containsExactly("fraud", "notifications");
      assertThat(shop.ports()).containsEntry("fraud", ports.get(0)).containsEntry("notifications", ports.get(1));
    } finally {
      shop.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void failsAndLeavesNothingRunningWhenAServiceCannotStart() throws Exception {
    List<Integer> ports = FreePorts.pick(2);
    Map<String, String> env = Map.of(
        "FRAUD_HTTP_PORT", ports.get(0).toString(),
        "NOTIFICATIONS_HTTP_PORT", ports.get(1).toString());
    Future<RunningShop> starting;
    try (ServerSocket taken = new ServerSocket(ports.get(0))) {
      starting = Shop.start(ConfigLoader.load(env), Set.of("fraud", "notifications"));
      assertThatThrownBy(() -> starting.await(30, TimeUnit.SECONDS)).hasMessageContaining("Address already in use");
    }
    assertThat(Http.accepts(ports.get(1))).as("notifications was undeployed").isFalse();
  }

  @Test
  void failsBeforeStartingAnythingWhenTheConfigurationIsInvalid() {
    Map<String, String> env = Map.of("PG_POOL_SIZE", "none");

    Future<RunningShop> starting = Shop.start(ConfigLoader.load(env), Set.of("inventory"));

    assertThat(starting.failed()).isTrue();
    assertThat(starting.cause()).isInstanceOf(ConfigException.class).hasMessageContaining("pg.pool-size");
  }

  @Test
  void refusesAnUnknownService() {
    Future<RunningShop> starting = Shop.start(ConfigLoader.load(Map.of()), Set.of("shipping"));

    assertThat(starting.cause()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shipping");
  }
}
