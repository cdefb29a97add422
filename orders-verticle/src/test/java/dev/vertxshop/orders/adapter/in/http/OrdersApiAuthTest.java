package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.testing.TestTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Orders belong to the token's subject; operators' endpoints need the admin grant; calls onward carry the service token. */
class OrdersApiAuthTest {

  private static ContractStub shop;
  private static RunningOrders orders;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 1000);
    orders = new RunningOrders(Map.of(
        "INVENTORY_SERVICE_URL", shop.url(),
        "PAYMENTS_SERVICE_URL", shop.url(),
        "HTTP_CLIENT_TIMEOUT_MS", "10000"));
  }

  @AfterAll
  static void stop() {
    orders.close();
    shop.close();
  }

  private static JsonObject order() {
    return new JsonObject().put("email", "zoe@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242"));
  }

  private static HttpResponse<Buffer> place(String token, JsonObject body) {
    return orders.sendAs(token, HttpMethod.POST, "/api/orders", "application/json", body.encode());
  }

  private static HttpResponse<Buffer> read(String token, String orderId) {
    return orders.sendAs(token, HttpMethod.GET, "/api/orders/" + orderId, null, null);
  }

  @Test
  void anOrderIsPlacedForTheTokensSubjectAndOnlyTheyCanReadIt() {
    HttpResponse<Buffer> placed = place(TestTokens.customer("zoe"), order());
    assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(201);
    String orderId = placed.bodyAsJsonObject().getString("orderId");

    HttpResponse<Buffer> own = read(TestTokens.customer("zoe"), orderId);
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.bodyAsJsonObject().getString("customerId")).isEqualTo("zoe");

    HttpResponse<Buffer> someoneElses = read(TestTokens.customer("mallory"), orderId);
    HttpResponse<Buffer> missing = read(TestTokens.customer("mallory"), UUID.randomUUID().toString());
    assertThat(someoneElses.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(someoneElses.bodyAsJsonObject().getString("type")).isEqualTo(missing.bodyAsJsonObject().getString("type"));
    assertThat(someoneElses.bodyAsString()).doesNotContain("zoe");

    assertThat(read(TestTokens.admin(), orderId).statusCode()).isEqualTo(200);
  }

  @Test
  void aBodyNamingAnotherCustomerIsRefusedAndNothingIsWritten() {
    long before = orders.rowsInOrdersSchema();
    HttpResponse<Buffer> response = place(TestTokens.customer("zoe"), order().put("customerId", "someone-else"));
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:customer-mismatch");
    assertThat(orders.rowsInOrdersSchema()).isEqualTo(before);
    assertThat(place(TestTokens.customer("zoe"), order().put("customerId", "zoe")).statusCode()).isEqualTo(201);
  }

  @Test
  void withoutAValidTokenNothingIsPlacedOrRead() {
    long before = orders.rowsInOrdersSchema();
    HttpResponse<Buffer> anonymous = place(null, order());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    assertThat(anonymous.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(place(TestTokens.rsa().token("zoe", List.of(), Duration.ofMinutes(5)), order()).statusCode())
        .isEqualTo(401);
    assertThat(read(null, UUID.randomUUID().toString()).statusCode()).isEqualTo(401);
    assertThat(orders.rowsInOrdersSchema()).isEqualTo(before);
  }

  @Test
  void anotherCustomersIdempotencyKeyNeverFindsTheFirstOrder() {
    String key = "key-" + UUID.randomUUID();
    HttpResponse<Buffer> first = RunningOrders.await(orders.client.post("/api/orders")
        .putHeader("Idempotency-Key", key).putHeader("Authorization", TestTokens.bearer(TestTokens.customer("zoe")))
        .sendJsonObject(order()));
    assertThat(first.statusCode()).isEqualTo(201);
    HttpResponse<Buffer> second = RunningOrders.await(orders.client.post("/api/orders")
        .putHeader("Idempotency-Key", key).putHeader("Authorization", TestTokens.bearer(TestTokens.customer("mallory")))
        .sendJsonObject(order()));
    assertThat(second.statusCode()).isEqualTo(422);
    assertThat(second.bodyAsString()).doesNotContain(first.bodyAsJsonObject().getString("orderId"));
  }

  @Test
  void operatorsEndpointsNeedTheAdminGrant() {
    for (String path : new String[] {"/admin/sagas", "/admin/sagas/counts", "/admin/outbox", "/admin/circuit-breakers"}) {
      assertThat(orders.sendAs(TestTokens.customer("zoe"), HttpMethod.GET, path, null, null).statusCode()).as(path).isEqualTo(403);
      assertThat(orders.sendAs(TestTokens.internal(), HttpMethod.GET, path, null, null).statusCode()).as(path).isEqualTo(403);
      assertThat(orders.sendAs(null, HttpMethod.GET, path, null, null).statusCode()).as(path).isEqualTo(401);
      assertThat(orders.sendAs(TestTokens.admin(), HttpMethod.GET, path, null, null).statusCode()).as(path).isEqualTo(200);
    }
    assertThat(orders.sendAs(null, HttpMethod.GET, "/health/ready", null, null).statusCode()).isEqualTo(200);
    assertThat(orders.sendAs(null, HttpMethod.GET, "/metrics", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void callsToInventoryAndPaymentsCarryTheServiceToken() {
    int before = shop.authorizations().size();
    assertThat(place(TestTokens.customer("zoe"), order()).statusCode()).isEqualTo(201);
    String serviceToken = "Bearer " + TestTokens.env().get("AUTH_SERVICE_TOKEN");
    assertThat(shop.authorizations().subList(before, shop.authorizations().size())).isNotEmpty().containsOnly(serviceToken);
  }
}
