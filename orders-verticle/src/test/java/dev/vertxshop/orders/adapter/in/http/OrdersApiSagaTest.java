package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Placing orders through the HTTP API with a real database, against stand-ins for inventory and
 * payments that answer as their contracts say.
 */
class OrdersApiSagaTest {

  private static ContractStub shop;
  private static RunningOrders orders;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 10).product("pear", 250, 10).product("melon", 900, 0);
    orders = new RunningOrders(Map.of(
        "INVENTORY_SERVICE_URL", shop.url(),
        "PAYMENTS_SERVICE_URL", shop.url(),
        "ORDERS_SAGA_RESPONSE_WAIT_MS", "1000",
        "HTTP_CLIENT_TIMEOUT_MS", "10000"));
  }

  @AfterAll
  static void stop() {
    orders.close();
    shop.close();
  }

  private static JsonObject order(String card, String... productIds) {
    JsonArray items = new JsonArray();
    for (String productId : productIds) {
      items.add(new JsonObject().put("productId", productId).put("quantity", productId.equals("apple") ? 2 : 1));
    }
    return new JsonObject().put("customerId", "cust-7").put("email", "bo@example.com").put("items", items)
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card));
  }

  private static JsonObject placed(HttpResponse<Buffer> response, int status) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(response.getHeader("Location")).isEqualTo("/api/orders/" + body.getString("orderId"));
    assertThat(response.getHeader("content-type")).isEqualTo("application/json");
    return body;
  }

  @Test
  void anOrderThatGoesThroughIsConfirmedAndReadableBack() {
    JsonObject placed = placed(orders.postJson(order("4242424242424242", "apple", "pear").encode()), 201);

    assertThat(placed.getString("status")).isEqualTo("CONFIRMED");
    assertThat(placed.getLong("totalCents")).isEqualTo(450);
    assertThat(placed.containsKey("reason")).isFalse();

    HttpResponse<Buffer> read = orders.get("/api/orders/" + placed.getString("orderId"));
    assertThat(read.statusCode()).isEqualTo(200);
    JsonObject stored = read.bodyAsJsonObject();
    assertThat(stored.getString("orderId")).isEqualTo(placed.getString("orderId"));
    assertThat(stored.getString("customerId")).isEqualTo("cust-7");
    assertThat(stored.getString("email")).isEqualTo("bo@example.com");
    assertThat(stored.getString("status")).isEqualTo("CONFIRMED");
    assertThat(stored.getLong("totalCents")).isEqualTo(450);
    assertThat(stored.getJsonArray("items")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("productId", "apple").put("quantity", 2).put("unitPriceCents", 100))
        .add(new JsonObject().put("productId", "pear").put("quantity", 1).put("unitPriceCents", 250)));
    Instant created = Instant.parse(stored.getString("createdAt"));
    assertThat(Instant.parse(stored.getString("updatedAt"))).isAfterOrEqualTo(created);
    assertThat(orders.stepLog(placed.getString("orderId"))).containsExactly(
        "RESERVE_STOCK EXECUTE STARTED", "RESERVE_STOCK EXECUTE SUCCEEDED",
        "CHARGE_PAYMENT EXECUTE STARTED", "CHARGE_PAYMENT EXECUTE SUCCEEDED",
        "CONFIRM EXECUTE STARTED", "CONFIRM EXECUTE SUCCEEDED");
  }

  @Test
  void aDeclinedCardRejectsTheOrderAndGivesTheStockBack() {
    JsonObject placed = placed(orders.postJson(order(ContractStub.DECLINED_CARD, "pear").encode()), 201);

    assertThat(placed.getString("status")).isEqualTo("REJECTED");
    assertThat(placed.getString("reason")).isEqualTo("payment-declined: card_declined");
    assertThat(shop.calls()).contains("POST /api/reservations/" + placed.getString("orderId") + "/cancel");
    assertThat(orders.stepLog(placed.getString("orderId"))).endsWith(
        "CHARGE_PAYMENT EXECUTE FAILED", "RESERVE_STOCK COMPENSATE STARTED", "RESERVE_STOCK COMPENSATE SUCCEEDED");
    assertThat(orders.get("/api/orders/" + placed.getString("orderId")).bodyAsJsonObject().getString("reason"))
        .isEqualTo("payment-declined: card_declined");
  }

  @Test
  void anOrderForMoreThanTheStockIsRejectedNamingTheProduct() {
    JsonObject placed = placed(orders.postJson(order("4242424242424242", "apple", "melon").encode()), 201);

    assertThat(placed.getString("status")).isEqualTo("REJECTED");
    assertThat(placed.getString("reason")).isEqualTo("insufficient-stock: melon");
  }

  @Test
  void aProductMissingFromTheCatalogueIsUnprocessableAndNothingIsWritten() {
    long rowsBefore = orders.rowsInOrdersSchema();

    HttpResponse<Buffer> response = orders.postJson(order("4242424242424242", "apple", "durian").encode());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:unknown-product");
    assertThat(response.bodyAsJsonObject().getString("productId")).isEqualTo("durian");
    assertThat(orders.rowsInOrdersSchema()).isEqualTo(rowsBefore);
  }

  @Test
  void aSagaStillRunningWhenTheWaitIsOverIsAnsweredPendingAndFinishesLater() {
    JsonObject placed = placed(orders.postJson(order(ContractStub.SLOW_CARD, "apple").encode()), 202);
    String location = "/api/orders/" + placed.getString("orderId");

    assertThat(placed.getString("status")).isEqualTo("PENDING");
    assertThat(orders.get(location).bodyAsJsonObject().getString("status")).isEqualTo("PENDING");

    await().atMost(Duration.ofSeconds(10)).until(() -> shop.heldCharges() == 1);
    shop.releaseHeldCharges();

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        assertThat(orders.get(location).bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED"));
  }
}
