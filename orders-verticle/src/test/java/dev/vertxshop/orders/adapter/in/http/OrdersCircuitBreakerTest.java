package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Orders with inventory down: its breaker opens, orders fail fast with 503, the rest still answers. */
class OrdersCircuitBreakerTest {

  private static final String ORDER = new JsonObject()
      .put("customerId", "cust-7")
      .put("email", "bo@example.com")
      .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", 1)))
      .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242"))
      .encode();

  private final Vertx stubVertx = Vertx.vertx();
  private final AtomicInteger requestsToInventory = new AtomicInteger();
  private HttpServer inventory;
  private RunningOrders orders;

  @BeforeEach
  void start() {
    inventory = RunningOrders.await(stubVertx.createHttpServer()
        .requestHandler(request -> {
          requestsToInventory.incrementAndGet();
          request.response().setStatusCode(500).end();
        })
        .listen(0, "127.0.0.1"));
    String url = "http://127.0.0.1:" + inventory.actualPort();
    orders = new RunningOrders(Map.of(
        "INVENTORY_SERVICE_URL", url,
        "PAYMENTS_SERVICE_URL", url,
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "2"));
  }

  @AfterEach
  void stop() {
    orders.close();
    RunningOrders.await(stubVertx.close());
  }

  private static void unavailable(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(503);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:service-unavailable");
    assertThat(Integer.parseInt(response.getHeader("Retry-After"))).isPositive();
  }

  private JsonObject inventoryBreaker() {
    HttpResponse<Buffer> response = orders.get("/admin/circuit-breakers");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray breakers = response.bodyAsJsonArray();
    for (int i = 0; i < breakers.size(); i++) {
      if ("inventory".equals(breakers.getJsonObject(i).getString("name"))) {
        return breakers.getJsonObject(i);
      }
    }
    throw new AssertionError("no inventory breaker in " + breakers.encode());
  }

  @Test
  void onceTheCatalogueBreakerIsOpenOrdersAreRefusedWithoutCallingInventory() {
    // The price lookup is tried twice; two failures of two calls open the breaker.
    unavailable(orders.postJson(ORDER));
    assertThat(requestsToInventory.get()).isEqualTo(2);
    assertThat(inventoryBreaker().getString("state")).isEqualTo("OPEN");

    unavailable(orders.postJson(ORDER));
    unavailable(orders.postJson(ORDER));

    assertThat(requestsToInventory.get()).isEqualTo(2);
    JsonObject breaker = inventoryBreaker();
    assertThat(breaker.getInteger("failures")).isEqualTo(2);
    assertThat(breaker.getLong("retryAfterMs")).isPositive();
    assertThat(orders.rowsInOrdersSchema()).isZero();
    assertThat(orders.get("/api/orders/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
  }
}
