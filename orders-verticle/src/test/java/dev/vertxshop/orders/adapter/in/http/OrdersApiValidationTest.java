package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every bad request is answered with a 4xx problem of a stable type and writes nothing; inventory
 * and payments point at a closed port, so a valid order cannot be priced.
 */
class OrdersApiValidationTest {

  private static RunningOrders orders;

  @BeforeAll
  static void start() {
    orders = new RunningOrders(Map.of(
        "INVENTORY_SERVICE_URL", "http://127.0.0.1:" + RunningOrders.closedPort(),
        "PAYMENTS_SERVICE_URL", "http://127.0.0.1:" + RunningOrders.closedPort()));
  }

  @AfterAll
  static void stop() {
    orders.close();
  }

  @AfterEach
  void nothingWasWritten() {
    assertThat(orders.rowsInOrdersSchema()).as("rows in orders.*").isZero();
  }

  private static JsonObject validOrder() {
    return new JsonObject()
        .put("customerId", "cust-1")
        .put("email", "ann@example.com")
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", "apple").put("quantity", 2))
            .add(new JsonObject().put("productId", "pear").put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242"));
  }

  private static JsonObject withQuantity(Object quantity) {
    JsonObject order = validOrder();
    order.getJsonArray("items").getJsonObject(0).put("quantity", quantity);
    return order;
  }

  private static JsonObject problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as("status of " + response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    return problem;
  }

  @Test
  void malformedJsonIsAMalformedJsonProblem() {
    problem(orders.postJson("{\"customerId\": \"cust-1\", "), 400, "malformed-json");
  }

  @Test
  void aMissingFieldFailsValidation() {
    JsonObject order = validOrder();
    order.remove("email");

    problem(orders.postJson(order.encode()), 400, "validation-failed");
  }

  @Test
  void aFieldOfTheWrongTypeFailsValidation() {
    problem(orders.postJson(withQuantity("two").encode()), 400, "validation-failed");
    problem(orders.postJson(validOrder().put("items", "apple").encode()), 400, "validation-failed");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001})
  void aQuantityOutsideOneToAThousandFailsValidation(int quantity) {
    problem(orders.postJson(withQuantity(quantity).encode()), 400, "validation-failed");
  }

  @Test
  void anOrderWithoutItemsFailsValidation() {
    problem(orders.postJson(validOrder().put("items", new JsonArray()).encode()), 400, "validation-failed");
  }

  @Test
  void aProductOnTwoItemsFailsValidation() {
    JsonObject order = validOrder();
    order.getJsonArray("items").add(new JsonObject().put("productId", "apple").put("quantity", 3));

    JsonObject problem = problem(orders.postJson(order.encode()), 400, "validation-failed");

    assertThat(problem.getString("detail")).contains("apple");
  }

  @ParameterizedTest
  @ValueSource(strings = {"not-an-email", "a@b@c", "two words@example.com"})
  void aBadEmailFailsValidation(String email) {
    problem(orders.postJson(validOrder().put("email", email).encode()), 400, "validation-failed");
  }

  @Test
  void anUnknownFieldFailsValidation() {
    problem(orders.postJson(validOrder().put("discount", 50).encode()), 400, "validation-failed");
  }

  @Test
  void aBadCardNumberFailsValidation() {
    JsonObject order = validOrder();
    order.getJsonObject("paymentMethod").put("cardNumber", "4242-4242");

    problem(orders.postJson(order.encode()), 400, "validation-failed");
  }

  @Test
  void aBodyOverTheLimitIsTooLarge() {
    String padding = "x".repeat(70_000);

    problem(orders.postJson(validOrder().put("customerId", padding).encode()), 413, "payload-too-large");
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
    problem(orders.send(HttpMethod.POST, "/api/orders", "text/plain", validOrder().encode()), 415, "unsupported-media-type");
  }

  @Test
  void anUnknownPathIsNotFound() {
    problem(orders.get("/api/nothing-here"), 404, "not-found");
  }

  @Test
  void aMethodThePathDoesNotTakeIsNotAllowed() {
    problem(orders.send(HttpMethod.DELETE, "/api/orders", null, null), 405, "method-not-allowed");
  }

  @Test
  void anOrderIdThatIsNotAUuidFailsValidation() {
    problem(orders.get("/api/orders/not-a-uuid"), 400, "validation-failed");
  }

  @Test
  void anUnknownOrderIsNotFound() {
    problem(orders.get("/api/orders/" + UUID.randomUUID()), 404, "not-found");
  }

  @Test
  @DisplayName("a valid order while inventory is unreachable: 503 with Retry-After, nothing written")
  void aValidOrderWhileInventoryIsUnreachableIsServiceUnavailable() {
    HttpResponse<Buffer> response = orders.postJson(validOrder().encode());

    problem(response, 503, "service-unavailable");
    assertThat(response.getHeader("Retry-After")).isEqualTo("5");
  }

  @Test
  void readinessChecksTheDatabaseButNotTheOtherServices() {
    HttpResponse<Buffer> ready = orders.get("/health/ready");

    assertThat(ready.statusCode()).as(ready.bodyAsString()).isEqualTo(200);
    assertThat(ready.bodyAsString()).contains("database").doesNotContain("inventory");
  }
}
