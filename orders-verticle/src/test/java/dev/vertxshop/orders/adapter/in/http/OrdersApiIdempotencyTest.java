package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** POST /api/orders with an Idempotency-Key, through HTTP with a real database and stand-ins for the other services. */
class OrdersApiIdempotencyTest {

  private static ContractStub shop;
  private static RunningOrders orders;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 1000).product("pear", 250, 1000);
    orders = new RunningOrders(Map.of(
        "INVENTORY_SERVICE_URL", shop.url(),
        "PAYMENTS_SERVICE_URL", shop.url(),
        "ORDERS_SAGA_RESPONSE_WAIT_MS", "5000",
        "PG_POOL_SIZE", "10"));
  }

  @AfterAll
  static void stop() {
    orders.close();
    shop.close();
  }

  private static JsonObject order(String customerId, int apples) {
    return new JsonObject().put("customerId", customerId).put("email", "cy@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", apples)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242"));
  }

  private static String uniqueCustomer() {
    return "idem-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpResponse<Buffer> place(String key, String body) {
    return RunningOrders.await(orders.placeWithKey(key, body));
  }

  @Test
  void tenConcurrentRequestsWithOneKeyMakeOneOrderAndAllAnswerWithIt() {
    String customer = uniqueCustomer();
    String key = "checkout-" + UUID.randomUUID();
    String body = order(customer, 2).encode();

    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      sent.add(orders.placeWithKey(key, body));
    }
    RunningOrders.await(Future.all(sent));

    Set<String> orderIds = new HashSet<>();
    int replayed = 0;
    for (Future<HttpResponse<Buffer>> answer : sent) {
      HttpResponse<Buffer> response = answer.result();
      assertThat(response.statusCode()).as(response.bodyAsString()).isIn(201, 202);
      orderIds.add(response.bodyAsJsonObject().getString("orderId"));
      replayed += "true".equals(response.getHeader("Idempotent-Replayed")) ? 1 : 0;
    }
    assertThat(orderIds).hasSize(1);
    String orderId = orderIds.iterator().next();
    assertThat(orders.count("SELECT count(*) FROM orders.orders WHERE customer_id = ?", customer)).isEqualTo(1);
    assertThat(orders.count("SELECT count(*) FROM orders.idempotency_keys WHERE key = ?", key)).isEqualTo(1);
    assertThat(replayed).as("every answer but the first repeats it").isEqualTo(9);
    assertThat(shop.callsFor(orderId)).containsExactly("POST /api/reservations", "POST /api/charges");
  }

  @Test
  void theSameRequestSpelledDifferentlyGetsTheFirstAnswerAgain() {
    String key = "checkout-" + UUID.randomUUID();
    JsonObject first = order(uniqueCustomer(), 1);
    HttpResponse<Buffer> created = place(key, first.encode());
    String reordered = "{ \"paymentMethod\": {\"cardNumber\": \"4242424242424242\", \"type\": \"card\"},\n"
        + "  \"items\": [{\"quantity\": 1, \"productId\": \"apple\"}], \"email\": \"cy@example.com\","
        + " \"customerId\": \"" + first.getString("customerId") + "\" }";

    HttpResponse<Buffer> again = place(key, reordered);

    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.getHeader("Idempotent-Replayed")).isNull();
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.getHeader("Idempotent-Replayed")).isEqualTo("true");
    assertThat(again.getHeader("Location")).isEqualTo(created.getHeader("Location"));
    assertThat(again.bodyAsJsonObject()).isEqualTo(created.bodyAsJsonObject());
    assertThat(again.bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  void theKeyWithAnotherBodyIsUnprocessableAndWritesNothing() {
    String key = "checkout-" + UUID.randomUUID();
    String customer = uniqueCustomer();
    assertThat(place(key, order(customer, 1).encode()).statusCode()).isEqualTo(201);
    long rowsBefore = orders.rowsInOrdersSchema();
    int callsBefore = shop.calls().size();

    HttpResponse<Buffer> reused = place(key, order(customer, 3).encode());

    assertThat(reused.statusCode()).isEqualTo(422);
    assertThat(reused.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(reused.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:idempotency-key-reused");
    assertThat(orders.rowsInOrdersSchema()).isEqualTo(rowsBefore);
    assertThat(shop.calls()).hasSize(callsBefore);
  }

  @Test
  void keysThatAreNotOneTo255PrintableCharactersAreRefusedAndWriteNothing() {
    long rowsBefore = orders.rowsInOrdersSchema();
    String body = order(uniqueCustomer(), 1).encode();

    for (String key : List.of("", "k".repeat(256), "tab\tinside")) {
      HttpResponse<Buffer> response = place(key, body);
      assertThat(response.statusCode()).as("'" + key + "': " + response.bodyAsString()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
    }
    assertThat(orders.rowsInOrdersSchema()).isEqualTo(rowsBefore);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.5", "true", "[1]", "{\"a\":1}", "\"quoted\"", "with spaces", "550e8400-e29b-41d4-a716-446655440000",
      "back\\slash", "~!@#$%^&*()_+`-=;',./<>?:|"})
  void anyPrintableKeyIsTakenAsItIs(String key) {
    String unique = key + " " + UUID.randomUUID();

    HttpResponse<Buffer> response = place(unique, order(uniqueCustomer(), 1).encode());

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(orders.count("SELECT count(*) FROM orders.idempotency_keys WHERE key = ?", unique)).isEqualTo(1);
  }
}
