package dev.vertxshop.launcher.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.launcher.TestShop;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard of a whole shop running in this JVM: its snapshot stream follows what the services
 * do, it computes nothing while nobody watches, and it passes admin actions on with the caller's token.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final String CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static TestShop shop;
  private static Dashboard dashboard;

  @BeforeAll
  static void start() throws Exception {
    shop = TestShop.start();
    dashboard = Dashboard.start(shop.shop(), new DashboardSettings(true, "127.0.0.1", 0)).await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (dashboard != null) {
      dashboard.close().await(10, TimeUnit.SECONDS);
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void snapshotsShowTheServicesBreakersAndOrdersByOutcomeAsTheyArePlaced() throws Exception {
    try (EventStream stream = new EventStream(dashboard.port())) {
      await().atMost(PATIENCE).until(() -> !stream.snapshots().isEmpty());
      JsonObject first = stream.snapshots().get(0);
      assertThat(names(first.getJsonArray("services"))).containsExactly(
          "orders", "inventory", "payments", "fraud", "notifications", "analytics");

      for (int i = 0; i < 3; i++) {
        placeOrder();
      }
      placeOrder(0, CARD);
      placeOrder(10, DECLINED_CARD);

      await().atMost(PATIENCE).untilAsserted(() -> {
        List<JsonObject> seen = stream.snapshots();
        assertThat(seen).anySatisfy(snapshot -> {
          assertThat(snapshot.getJsonObject("orders").getJsonObject("perSecondByStatus").getDouble("201", 0.0)).isPositive();
          assertThat(snapshot.getJsonObject("orders").getJsonObject("latencyMs").getDouble("p95")).isNotNull();
        });
        assertThat(seen).anySatisfy(snapshot ->
            assertThat(snapshot.getJsonObject("sagas").getLong("CONFIRMED", 0L)).isGreaterThanOrEqualTo(3));
        assertThat(seen).anySatisfy(snapshot ->
            assertThat(snapshot.getJsonObject("fraud").getDouble("checksPerSecond")).isPositive());
        assertThat(seen).anySatisfy(snapshot ->
            assertThat(outcome(snapshot, "confirmed").getDouble("perSecond")).isPositive());
        JsonObject last = seen.get(seen.size() - 1);
        assertThat(outcome(last, "confirmed").getLong("total")).isGreaterThanOrEqualTo(3);
        assertThat(outcome(last, "rejected").getLong("total")).as("sold out: nothing to undo").isGreaterThanOrEqualTo(1);
        assertThat(outcome(last, "compensated").getLong("total")).as("declined: reservation undone").isGreaterThanOrEqualTo(1);
        assertThat(outcome(last, "parked").getLong("total")).isZero();
      });
      JsonObject latest = stream.snapshots().get(stream.snapshots().size() - 1);
      assertThat(latest.getJsonArray("services").stream().map(JsonObject.class::cast))
          .allSatisfy(service -> assertThat(service.getBoolean("ready")).isTrue());
      assertThat(latest.getJsonArray("breakers").stream().map(JsonObject.class::cast)
          .filter(breaker -> breaker.getString("service").equals("orders"))
          .map(breaker -> breaker.getString("name") + "=" + breaker.getString("state")))
          .contains("inventory=CLOSED", "payments=CLOSED");
      assertThat(latest.getJsonArray("consumers")).isNotEmpty();
    }
  }

  @Test
  void computesNoSnapshotWhileNobodyWatches() throws Exception {
    await().atMost(PATIENCE).until(() -> dashboard.clients().await(5, TimeUnit.SECONDS) == 0);
    long before = computed();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> computed() == before);

    try (EventStream stream = new EventStream(dashboard.port())) {
      await().atMost(PATIENCE).until(() -> stream.snapshots().size() >= 2);
      assertThat(computed()).isGreaterThan(before);
    }

    await().atMost(PATIENCE).until(() -> dashboard.clients().await(5, TimeUnit.SECONDS) == 0);
    long afterLeaving = computed();
    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> computed() == afterLeaving);
  }

  @Test
  void passesAdminActionsOnWithTheCallersToken() throws Exception {
    HttpResponse<String> anonymous = send("GET", "/dashboard/admin/sagas/parked", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);

    HttpResponse<String> admin = send("GET", "/dashboard/admin/sagas/parked", TestTokens.admin());
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(admin.body()).getJsonArray("sagas")).isNotNull();

    HttpResponse<String> notParked = send("POST", "/dashboard/admin/sagas/" + placeOrder() + "/retry", TestTokens.admin());
    assertThat(notParked.statusCode()).isEqualTo(409);

    HttpResponse<String> unknown = send("POST", "/dashboard/admin/dead-letters/replay?service=shipping", TestTokens.admin());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.headers().firstValue("Content-Type")).contains("application/problem+json");
  }

  @Test
  void servesThePage() throws Exception {
    assertThat(send("GET", "/dashboard", null).headers().firstValue("Location")).contains("/dashboard/");
    HttpResponse<String> page = send("GET", "/dashboard/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"dashboard.js\"></script>");
    assertThat(send("GET", "/dashboard/dashboard.js", null).body()).contains("new EventSource('events')");
  }

  private static long computed() throws Exception {
    return dashboard.snapshotsComputed().await(5, TimeUnit.SECONDS);
  }

  private static List<String> names(JsonArray services) {
    return services.stream().map(JsonObject.class::cast).map(service -> service.getString("name")).toList();
  }

  private static JsonObject outcome(JsonObject snapshot, String outcome) {
    return snapshot.getJsonObject("orders").getJsonObject("outcomes").getJsonObject(outcome);
  }

  private static String placeOrder() {
    return placeOrder(10, CARD);
  }

  /** Places an order of one unit of a new product with {@code available} units in stock, paid with {@code card}. */
  private static String placeOrder(int available, String card) {
    String product = "dashboard-" + UUID.randomUUID();
    assertThat(shop.put("inventory", "/api/products/" + product,
        new JsonObject().put("name", "Watched mug").put("priceCents", 990).put("available", available).encode()).statusCode())
        .isBetween(200, 201);
    JsonObject order = new JsonObject()
        .put("customerId", "dana")
        .put("email", "dana@example.com")
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card));
    HttpResponse<String> placed = shop.post("orders", "/api/orders", order.encode());
    assertThat(placed.statusCode()).isEqualTo(201);
    return new JsonObject(placed.body()).getString("orderId");
  }

  private static HttpResponse<String> send(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + dashboard.port() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", TestTokens.bearer(token));
    }
    return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
