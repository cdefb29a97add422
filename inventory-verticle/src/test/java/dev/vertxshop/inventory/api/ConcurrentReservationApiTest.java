package dev.vertxshop.inventory.api;

import static dev.vertxshop.inventory.Ids.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrentReservationApiTest {

  private static TestDatabase database;
  private static TestInventory inventory;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    inventory = TestInventory.start(vertx, database);
  }

  @AfterAll
  static void stop() {
    inventory.close();
    database.close();
  }

  @Test
  void hundredConcurrentReservationsOfOneUnitAgainstStockOfTenReserveExactlyTen() {
    String product = unique("burr-grinder");
    inventory.defineProduct(product, 12900, 10);
    List<String> ids = new ArrayList<>();
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();

    for (int i = 0; i < 100; i++) {
      String id = unique("order");
      ids.add(id);
      sent.add(inventory.postAsync("/api/reservations", new JsonObject()
          .put("reservationId", id)
          .put("items", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", 1)))));
    }
    TestInventory.await(Future.join(sent));

    List<HttpResponse<Buffer>> responses = sent.stream().map(Future::result).toList();
    Map<Integer, Long> statuses = responses.stream().collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 10L, 409, 90L));
    assertThat(responses.stream().filter(r -> r.statusCode() == 409))
        .allSatisfy(r -> assertThat(r.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:insufficient-stock"));
    JsonObject stock = inventory.product(product);
    assertThat(stock.getLong("available")).isZero();
    assertThat(stock.getLong("reserved")).isEqualTo(10);
    long stored = ids.stream()
        .map(id -> inventory.get("/api/reservations/" + id).statusCode())
        .filter(status -> status == 200)
        .count();
    assertThat(stored).isEqualTo(10);
  }

  @Test
  void concurrentRepeatsOfOneReservationReserveItOnce() {
    String product = unique("milk-frother");
    inventory.defineProduct(product, 3490, 100);
    String id = unique("order");
    JsonObject request = new JsonObject()
        .put("reservationId", id)
        .put("items", new JsonArray().add(new JsonObject().put("productId", product).put("quantity", 3)));

    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      sent.add(inventory.postAsync("/api/reservations", request));
    }
    TestInventory.await(Future.join(sent));

    Map<Integer, Long> statuses = sent.stream().map(Future::result)
        .collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
    assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 19L));
    assertThat(sent.stream().map(f -> f.result().bodyAsJsonObject()).distinct()).hasSize(1);
    JsonObject stock = inventory.product(product);
    assertThat(stock.getLong("available")).isEqualTo(97);
    assertThat(stock.getLong("reserved")).isEqualTo(3);
  }

  @Test
  void concurrentReservationsOfTheSameProductsInOppositeOrdersAllComplete() {
    String first = unique("ceramic-mug");
    String second = unique("paper-filters");
    inventory.defineProduct(first, 1250, 1000);
    inventory.defineProduct(second, 499, 1000);

    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      JsonArray items = i % 2 == 0
          ? new JsonArray().add(line(first, 2)).add(line(second, 1))
          : new JsonArray().add(line(second, 1)).add(line(first, 2));
      sent.add(inventory.postAsync("/api/reservations", new JsonObject().put("reservationId", unique("order")).put("items", items)));
    }
    TestInventory.await(Future.join(sent));

    assertThat(sent.stream().map(f -> f.result().statusCode())).containsOnly(201);
    assertThat(inventory.product(first).getLong("reserved")).isEqualTo(120);
    assertThat(inventory.product(second).getLong("reserved")).isEqualTo(60);
  }

  private static JsonObject line(String productId, int quantity) {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }
}
