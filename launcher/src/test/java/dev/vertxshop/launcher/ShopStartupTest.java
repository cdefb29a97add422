package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestRedis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole shop started in-process through {@link Shop#start}, as {@code java -jar} does. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ShopStartupTest {

  @Test
  void startsEveryServiceReadyWithTheDemoCatalogueAndStopsCleanly() {
    List<Integer> ports;
    try (TestShop shop = TestShop.start()) {
      assertThat(shop.shop().services())
          .containsExactly("orders", "inventory", "payments", "fraud", "notifications", "analytics");
      assertThat(shop.shop().database().kind()).isEqualTo(ShopDatabase.Kind.CONFIGURED);
      assertThat(shop.shop().database().pg().orElseThrow().database()).isEqualTo(shop.database().name());
      for (String service : shop.shop().services()) {
        HttpResponse<String> ready = shop.get(service, "/health/ready");
        assertThat(ready.statusCode()).as(service + " /health/ready").isEqualTo(200);
        assertThat(new JsonObject(ready.body()).getString("status")).as(service + " status").isEqualTo("UP");
      }
      HttpResponse<String> catalogue = shop.get("inventory", "/api/products");
      assertThat(catalogue.statusCode()).isEqualTo(200);
      JsonArray products = new JsonObject(catalogue.body()).getJsonArray("products");
      assertThat(products).isNotEmpty();
      ports = new ArrayList<>(shop.shop().ports().values());
      ports.add(shop.smtp().port());
    }
    assertThat(ports).hasSize(7).noneMatch(Http::accepts);
  }

  @Test
  void usesTheConfiguredKafkaAndRedisAndStartsOnlyTheSmtpServerThatIsNotConfigured() {
    try (TestShop shop = TestShop.start(List.of("notifications"), Map.of())) {
      ShopServers servers = shop.shop().servers();
      assertThat(servers.kafka()).isEmpty();
      assertThat(servers.redis()).isEmpty();
      assertThat(servers.smtp()).isPresent();
      assertThat(shop.shop().describeServers())
          .contains("Kafka: " + TestKafka.bootstrapServers() + " (configured)")
          .contains("Redis: " + TestRedis.url() + " (configured)")
          .anySatisfy(line -> assertThat(line).startsWith("SMTP: embedded server at 127.0.0.1:" + shop.smtp().port()));
    }
  }
}
