package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.testing.PrometheusScrape;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What orders shows at {@code GET /metrics} after it served requests, ran sagas and relayed events. */
class OrdersMetricsTest {

  private static final Duration REFRESH_WAIT = Duration.ofSeconds(30);

  private static String order(String productId) {
    return new JsonObject()
        .put("customerId", "cust-7")
        .put("email", "bo@example.com")
        .put("items", new JsonArray().add(new JsonObject().put("productId", productId).put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4242424242424242"))
        .encode();
  }

  private static PrometheusScrape scrape(RunningOrders orders) {
    HttpResponse<Buffer> response = orders.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.getHeader("content-type")).startsWith("text/plain");
    return PrometheusScrape.parse(response.bodyAsString());
  }

  private static RunningOrders ordersAgainst(String url, Map<String, String> more) {
    Map<String, String> env = new java.util.HashMap<>(Map.of(
        "INVENTORY_SERVICE_URL", url,
        "PAYMENTS_SERVICE_URL", url,
        "HTTP_CLIENT_TIMEOUT_MS", "10000"));
    env.putAll(more);
    return new RunningOrders(env);
  }

  @Test
  void httpRequestsAreTimedByRouteTemplateMethodAndCodeNeverByRawPath() {
    try (ContractStub shop = new ContractStub().product("apple", 100, 10);
        RunningOrders orders = ordersAgainst(shop.url(), Map.of())) {
      String unknown = UUID.randomUUID().toString();
      assertThat(orders.get("/api/orders/" + unknown).statusCode()).isEqualTo(404);
      assertThat(orders.postJson(order("apple")).statusCode()).isEqualTo(201);

      PrometheusScrape scrape = scrape(orders);

      assertThat(scrape.sum("vertx_http_server_requests_total", Map.of("method", "POST", "code", "201", "route", "/api/orders")))
          .isEqualTo(1);
      assertThat(scrape.find("vertx_http_server_response_time_seconds_count", Map.of("method", "GET", "code", "404")))
          .isNotEmpty();
      assertThat(scrape.samples()).allSatisfy(sample -> assertThat(sample.labels().values()).noneMatch(value -> value.contains(unknown)));
      assertThat(scrape.find("vertx_http_server_requests_total", Map.of())).allSatisfy(
          sample -> assertThat(sample.labels()).containsEntry("remote", "any"));
      // The reservation and the charge, both to the stand-in's address.
      String stand = shop.url().substring("http://".length());
      assertThat(scrape.sum("vertx_http_client_responses_total", Map.of("method", "POST", "code", "201", "remote", stand)))
          .isEqualTo(2);
      assertThat(scrape.find("vertx_http_client_response_time_seconds_count", Map.of("remote", stand))).isNotEmpty();
      assertThat(scrape.value("vertx_pool_in_use", Map.of("pool_type", "sql", "pool_name", "orders"))).isPresent();
      assertThat(scrape.value("vertx_pool_completed_total", Map.of("pool_type", "sql", "pool_name", "orders")).orElseThrow())
          .isPositive();
    }
  }

  @Test
  void sagasAreCountedByStateAndTheRelayedEventIsCounted() {
    try (ContractStub shop = new ContractStub().product("apple", 100, 10).product("melon", 900, 0);
        RunningOrders orders = ordersAgainst(shop.url(), Map.of())) {
      assertThat(orders.postJson(order("apple")).bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");
      assertThat(orders.postJson(order("melon")).bodyAsJsonObject().getString("status")).isEqualTo("REJECTED");

      await().pollDelay(Duration.ZERO).atMost(REFRESH_WAIT).untilAsserted(() -> {
        PrometheusScrape scrape = scrape(orders);
        assertThat(scrape.value("orders_sagas", Map.of("service", "orders", "state", "CONFIRMED"))).contains(1.0);
        assertThat(scrape.value("orders_sagas", Map.of("service", "orders", "state", "REJECTED"))).contains(1.0);
        assertThat(scrape.value("orders_sagas", Map.of("service", "orders", "state", "PARKED"))).contains(0.0);
        assertThat(scrape.value("orders_outbox_published_events_total", Map.of("service", "orders"))).contains(2.0);
        assertThat(scrape.value("orders_outbox_pending_events", Map.of("service", "orders"))).contains(0.0);
        assertThat(scrape.value("orders_outbox_oldest_pending_age_seconds", Map.of("service", "orders"))).contains(0.0);
      });
      // Counted as each run ends, not refreshed: already there, every outcome present.
      PrometheusScrape scrape = scrape(orders);
      assertThat(scrape.value("orders_saga_outcomes_total", Map.of("service", "orders", "outcome", "confirmed"))).contains(1.0);
      assertThat(scrape.value("orders_saga_outcomes_total", Map.of("service", "orders", "outcome", "rejected"))).contains(1.0);
      assertThat(scrape.value("orders_saga_outcomes_total", Map.of("service", "orders", "outcome", "compensated"))).contains(0.0);
      assertThat(scrape.value("orders_saga_outcomes_total", Map.of("service", "orders", "outcome", "parked"))).contains(0.0);
    }
  }

  @Test
  void eventsKafkaHasNotTakenShowAsOutboxBacklog() {
    try (ContractStub shop = new ContractStub().product("apple", 100, 10);
        RunningOrders orders = ordersAgainst(shop.url(), Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + RunningOrders.closedPort()))) {
      assertThat(orders.postJson(order("apple")).bodyAsJsonObject().getString("status")).isEqualTo("CONFIRMED");

      await().pollDelay(Duration.ZERO).atMost(REFRESH_WAIT).untilAsserted(() -> {
        PrometheusScrape scrape = scrape(orders);
        assertThat(scrape.value("orders_outbox_pending_events", Map.of("service", "orders"))).contains(1.0);
        assertThat(scrape.value("orders_outbox_oldest_pending_age_seconds", Map.of("service", "orders")).orElseThrow()).isPositive();
        assertThat(scrape.value("orders_outbox_published_events_total", Map.of("service", "orders"))).contains(0.0);
      });
    }
  }

  @Test
  void anOpenBreakerShowsItsStateAndItsCallsByOutcome() {
    Vertx stubVertx = Vertx.vertx();
    try {
      HttpServer failing = RunningOrders.await(stubVertx.createHttpServer()
          .requestHandler(request -> request.response().setStatusCode(500).end())
          .listen(0, "127.0.0.1"));
      try (RunningOrders orders = ordersAgainst("http://127.0.0.1:" + failing.actualPort(),
          Map.of("HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "2"))) {
        PrometheusScrape before = scrape(orders);
        assertThat(orders.postJson(order("apple")).statusCode()).isEqualTo(503);
        assertThat(orders.postJson(order("apple")).statusCode()).isEqualTo(503);

        PrometheusScrape scrape = scrape(orders);

        Map<String, String> inventory = Map.of("service", "orders", "breaker", "inventory");
        assertThat(before.value("circuit_breaker_state", inventory)).contains(0.0);
        assertThat(scrape.value("circuit_breaker_state", inventory)).contains(1.0);
        assertThat(scrape.value("circuit_breaker_calls_total", Map.of("breaker", "inventory", "outcome", "failure"))).contains(2.0);
        assertThat(scrape.value("circuit_breaker_calls_total", Map.of("breaker", "inventory", "outcome", "rejected"))).contains(1.0);
        assertThat(scrape.value("circuit_breaker_calls_total", Map.of("breaker", "inventory", "outcome", "success"))).contains(0.0);
      }
    } finally {
      RunningOrders.await(stubVertx.close());
    }
  }
}
