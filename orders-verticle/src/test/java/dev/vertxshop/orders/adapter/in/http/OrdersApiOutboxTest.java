package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.orders.adapter.out.kafka.OrdersTopic;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settled orders reach the Kafka topic {@code orders} through the outbox, once each, and the outbox
 * absorbs a Kafka outage: orders keeps answering and stays ready, and its events are published once
 * Kafka can be reached.
 */
class OrdersApiOutboxTest {

  private static ContractStub shop;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 1000).product("pear", 250, 1000);
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  private static Map<String, String> services(Map<String, String> more) {
    Map<String, String> env = new HashMap<>(Map.of(
        "INVENTORY_SERVICE_URL", shop.url(),
        "PAYMENTS_SERVICE_URL", shop.url(),
        "ORDERS_SAGA_RESPONSE_WAIT_MS", "5000",
        "HTTP_CLIENT_TIMEOUT_MS", "5000"));
    env.putAll(more);
    return env;
  }

  private static String order(String card) {
    return new JsonObject().put("customerId", "cust-9").put("email", "eve@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", "apple").put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card))
        .encode();
  }

  private static JsonObject placed(RunningOrders orders, String card, String status) {
    var response = orders.postJson(order(card));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo(status);
    return body;
  }

  private static JsonObject outbox(RunningOrders orders) {
    var response = orders.get("/admin/outbox");
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  @Test
  void aConfirmedAndARejectedOrderArePublishedOnceEachAndTheOutboxEndpointCountsThem() {
    try (RunningOrders orders = new RunningOrders(services(Map.of()))) {
      String confirmed = placed(orders, "4242424242424242", "CONFIRMED").getString("orderId");
      String rejected = placed(orders, ContractStub.DECLINED_CARD, "REJECTED").getString("orderId");

      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).until(() -> outbox(orders).getLong("published") == 2);

      JsonObject status = outbox(orders);
      assertThat(status.getLong("pending")).isZero();
      assertThat(status.containsKey("oldestPendingAgeMs")).isFalse();
      assertThat(status.getJsonObject("relay").getBoolean("running")).isTrue();
      assertThat(status.getJsonObject("relay").getLong("publishedSinceStart")).isEqualTo(2);
      assertThat(status.getJsonObject("relay").getInteger("failedPassesInARow")).isZero();
      List<OrdersTopic.Event> events = OrdersTopic.eventsOf(Set.of(confirmed, rejected));
      assertThat(events).hasSize(2);
      assertThat(events).filteredOn(event -> event.key().equals(confirmed)).singleElement()
          .satisfies(event -> assertThat(event.headers()).containsEntry("ce_type", "order.completed").containsEntry("ce_subject", confirmed));
      assertThat(events).filteredOn(event -> event.key().equals(rejected)).singleElement()
          .satisfies(event -> {
            assertThat(event.headers()).containsEntry("ce_type", "order.cancelled");
            assertThat(new JsonObject(event.value()).getJsonObject("reason").getString("text")).isEqualTo("payment-declined: card_declined");
          });
    }
  }

  @Test
  void withKafkaUnreachableOrdersIsReadyAndTakesOrdersAndAnInstanceThatReachesKafkaPublishesTheirEvents() {
    TestDatabase database = TestPostgres.createDatabase();
    RunningOrders cutOff = new RunningOrders(database,
        services(Map.of("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + RunningOrders.closedPort())));
    String orderId;
    try {
      assertThat(cutOff.get("/health/ready").statusCode()).isEqualTo(200);
      orderId = placed(cutOff, "4242424242424242", "CONFIRMED").getString("orderId");

      JsonObject status = outbox(cutOff);
      assertThat(status.getLong("pending")).isEqualTo(1);
      assertThat(status.getLong("published")).isZero();
      assertThat(status.getLong("oldestPendingAgeMs")).isNotNegative();
    } finally {
      cutOff.stopKeepingTheDatabase();
    }

    try (RunningOrders reconnected = new RunningOrders(database, services(Map.of()))) {
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).until(() -> outbox(reconnected).getLong("pending") == 0);

      assertThat(OrdersTopic.eventsOf(Set.of(orderId))).singleElement()
          .satisfies(event -> assertThat(event.headers()).containsEntry("ce_type", "order.completed"));
    }
  }
}
