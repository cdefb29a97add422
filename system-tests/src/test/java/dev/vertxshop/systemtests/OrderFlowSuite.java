package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.testing.PrometheusScrape;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.core.ThrowingRunnable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Orders placed through the public API of the whole shop started from the fat jar, and what the
 * order events bring about in inventory and notifications. The shop is one JVM or several, as the
 * subclass starts it: the same scenarios must hold however the services are spread.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OrderFlowSuite {

  /** Who places every order of the suite. */
  private static final String CUSTOMER = "customer-1";
  private static final String GOOD_CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  // HTTP/1.1 like curl: the JDK client otherwise upgrades to h2c (the services allow it) and then
  // fails with "too many concurrent streams" beyond the server's 100 streams per connection.
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(TIMEOUT)
      .build();

  private EventShop shop;

  /** Starts every service of the shop, in one JVM or several. */
  abstract EventShop startShop();

  @BeforeAll
  void start() {
    shop = startShop();
  }

  @AfterAll
  void stop() throws IOException {
    if (shop != null) {
      shop.close();
      afterShopStopped(shop.logs());
    }
  }

  /** Runs once the shop has stopped, with every file its JVMs wrote their output to. */
  void afterShopStopped(List<Path> logs) throws IOException {}

  @Test
  @DisplayName("an order for stock that exists is confirmed, its total charged, and its order.completed event commits its reservation")
  void confirmsAnOrder() {
    String product = newProduct(1250, 10);

    JsonObject placed = place(product, 2, GOOD_CARD);

    assertThat(placed.getString("status")).isEqualTo("CONFIRMED");
    assertThat(placed.getLong("totalCents")).isEqualTo(2500);
    JsonObject order = order(placed.getString("orderId"));
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getJsonArray("items").getJsonObject(0).getInteger("quantity")).isEqualTo(2);
    assertThat(order.getJsonArray("items").getJsonObject(0).getLong("unitPriceCents")).isEqualTo(1250);
    JsonObject charge = json(get("payments", "/api/charges/" + placed.getString("orderId")), 200);
    assertThat(charge.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(charge.getLong("amountCents")).isEqualTo(2500);
    // fraud judged the charge, so it took payments' service credential (a refused call would have left
    // the charge to the fail-open policy, which lets small amounts through unscreened).
    eventually(() -> {
      PrometheusScrape fraud = PrometheusScrape.parse(get("fraud", "/metrics").body());
      assertThat(fraud.sum("fraud_decisions_total", Map.of())).isPositive();
      assertThat(fraud.find("grpc_server_refused_total", Map.of())).isEmpty();
    });
    // The stock was reserved when the order was placed; the event makes that final: 2 units gone.
    eventually(() -> {
      assertThat(reservationStatus(placed.getString("orderId"))).isEqualTo("COMMITTED");
      assertThat(stock(product)).isEqualTo(new Stock(8, 0));
    });
  }

  @Test
  @DisplayName("a confirmed order's customer gets one confirmation mail through the SMTP server")
  void mailsTheConfirmation() {
    String product = newProduct(700, 5);
    String email = "buyer-" + UUID.randomUUID() + "@example.com";

    JsonObject placed = place(product, 1, GOOD_CARD, email);

    assertThat(placed.getString("status")).isEqualTo("CONFIRMED");
    eventually(() -> assertThat(mailsTo(email)).singleElement().satisfies(mail -> {
      assertThat(mail.subject()).contains(placed.getString("orderId")).containsIgnoringCase("confirmed");
      assertThat(mail.from()).isNotBlank();
    }));
  }

  @Test
  @DisplayName("a rejected order's customer gets one cancellation mail through the SMTP server")
  void mailsTheCancellation() {
    String product = newProduct(700, 5);
    String email = "buyer-" + UUID.randomUUID() + "@example.com";

    JsonObject placed = place(product, 1, DECLINED_CARD, email);

    assertThat(placed.getString("status")).isEqualTo("REJECTED");
    eventually(() -> assertThat(mailsTo(email)).singleElement()
        .satisfies(mail -> assertThat(mail.subject()).contains(placed.getString("orderId")).containsIgnoringCase("cancelled")));
  }

  @Test
  @DisplayName("an order for more than the stock is rejected, nothing is charged and the stock is unchanged")
  void rejectsAnOrderBeyondTheStock() {
    String product = newProduct(990, 3);

    JsonObject placed = place(product, 4, GOOD_CARD);

    assertThat(placed.getString("status")).isEqualTo("REJECTED");
    assertThat(placed.getString("reason")).startsWith("insufficient-stock");
    assertThat(stock(product)).isEqualTo(new Stock(3, 0));
    assertThat(get("payments", "/api/charges/" + placed.getString("orderId")).statusCode()).isEqualTo(404);
    assertThat(order(placed.getString("orderId")).getString("status")).isEqualTo("REJECTED");
  }

  @Test
  @DisplayName("a declined card rejects the order, cancels its reservation and restores the stock")
  void rejectsAnOrderWhoseCardIsDeclined() {
    String product = newProduct(4000, 5);

    JsonObject placed = place(product, 2, DECLINED_CARD);

    assertThat(placed.getString("status")).isEqualTo("REJECTED");
    assertThat(placed.getString("reason")).isEqualTo("payment-declined: card_declined");
    assertThat(stock(product)).isEqualTo(new Stock(5, 0));
    assertThat(json(get("inventory", "/api/reservations/" + placed.getString("orderId")), 200).getString("status"))
        .isEqualTo("CANCELLED");
    assertThat(json(get("payments", "/api/charges/" + placed.getString("orderId")), 200).getString("status"))
        .isEqualTo("DECLINED");
  }

  @Test
  @DisplayName("an unknown product is a 422 problem and no order is written")
  void refusesAnUnknownProduct() {
    long ordersBefore = count("SELECT count(*) FROM orders.orders");

    HttpResponse<String> response = post("orders", "/api/orders", orderJson("no-such-product-" + UUID.randomUUID(), 1, GOOD_CARD));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    assertThat(new JsonObject(response.body()).getString("type")).isEqualTo("urn:vertx-shop:problem:unknown-product");
    assertThat(count("SELECT count(*) FROM orders.orders")).isEqualTo(ordersBefore);
  }

  @Test
  @DisplayName("200 concurrent orders of one unit against a stock of 50: exactly 50 confirmed, 150 rejected, none oversold")
  void sellsExactlyTheStockUnderConcurrency() {
    int priceCents = 1999;
    String product = newProduct(priceCents, 50);
    long chargedBefore = json(get("payments", "/api/ledger/summary"), 200).getLong("chargedCents");

    List<CompletableFuture<HttpResponse<String>>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      HttpRequest request = HttpRequest.newBuilder(shop.url("orders", "/api/orders"))
          .timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json")
          .header("Authorization", TestTokens.bearer(TestTokens.customer(CUSTOMER)))
          .POST(HttpRequest.BodyPublishers.ofString(orderJson(product, 1, GOOD_CARD)))
          .build();
      requests.add(HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    Map<String, Long> byStatus = requests.stream()
        .map(CompletableFuture::join)
        .map(response -> {
          assertThat(response.statusCode()).as(response.body()).isIn(201, 202);
          JsonObject placed = new JsonObject(response.body());
          return response.statusCode() == 201 ? placed.getString("status") : terminalStatus(placed.getString("orderId"));
        })
        .collect(Collectors.groupingBy(status -> status, Collectors.counting()));
    assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of("CONFIRMED", 50L, "REJECTED", 150L));
    // 50 reserved, then committed one by one as the order.completed events arrive.
    eventually(() -> assertThat(stock(product)).isEqualTo(new Stock(0, 0)));
    long charged = json(get("payments", "/api/ledger/summary"), 200).getLong("chargedCents") - chargedBefore;
    assertThat(charged).isEqualTo(50L * priceCents);
    assertThat(count("SELECT count(*) FROM payments.charges WHERE status = 'SUCCEEDED' AND amount_cents = " + priceCents))
        .isEqualTo(50);
  }

  private String terminalStatus(String orderId) {
    String[] status = new String[1];
    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> {
      status[0] = order(orderId).getString("status");
      return !"PENDING".equals(status[0]);
    });
    return status[0];
  }

  private record Stock(int available, int reserved) {}

  /** For what the order events bring about: the consumers apply them shortly after the answer. */
  private static void eventually(ThrowingRunnable assertion) {
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .untilAsserted(assertion);
  }

  private String reservationStatus(String orderId) {
    return json(get("inventory", "/api/reservations/" + orderId), 200).getString("status");
  }

  private List<EmbeddedSmtp.ReceivedMail> mailsTo(String email) {
    return shop.smtp.receivedMessages().stream().filter(mail -> mail.to().contains(email)).toList();
  }

  private String newProduct(int priceCents, int available) {
    String id = "e2e-" + UUID.randomUUID();
    HttpResponse<String> response = put("inventory", "/api/products/" + id,
        new JsonObject().put("name", "End-to-end item").put("priceCents", priceCents).put("available", available).encode());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return id;
  }

  private Stock stock(String product) {
    JsonObject json = json(get("inventory", "/api/products/" + product), 200);
    return new Stock(json.getInteger("available"), json.getInteger("reserved"));
  }

  private static String orderJson(String product, int quantity, String card) {
    return orderJson(product, quantity, card, "customer-1@example.com");
  }

  private static String orderJson(String product, int quantity, String card, String email) {
    return new JsonObject()
        .put("customerId", CUSTOMER)
        .put("email", email)
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", quantity)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card))
        .encode();
  }

  private JsonObject place(String product, int quantity, String card) {
    return place(product, quantity, card, "customer-1@example.com");
  }

  private JsonObject place(String product, int quantity, String card, String email) {
    HttpResponse<String> response = post("orders", "/api/orders", orderJson(product, quantity, card, email));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonObject body = new JsonObject(response.body());
    assertThat(response.headers().firstValue("location")).hasValue("/api/orders/" + body.getString("orderId"));
    return body;
  }

  private JsonObject order(String orderId) {
    return json(get("orders", "/api/orders/" + orderId), 200);
  }

  private static JsonObject json(HttpResponse<String> response, int expectedStatus) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return new JsonObject(response.body());
  }

  private long count(String sql) {
    return shop.audit().count(sql);
  }

  private HttpResponse<String> get(String service, String path) {
    return send(HttpRequest.newBuilder(shop.url(service, path)).GET());
  }

  private HttpResponse<String> post(String service, String path, String json) {
    return send(HttpRequest.newBuilder(shop.url(service, path)).POST(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"));
  }

  private HttpResponse<String> put(String service, String path, String json) {
    return send(HttpRequest.newBuilder(shop.url(service, path)).PUT(HttpRequest.BodyPublishers.ofString(json))
        .header("Content-Type", "application/json"));
  }

  /** Sends {@code request} with the token its real client would have ({@link ShopTokens#tokenFor}). */
  private static HttpResponse<String> send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(TIMEOUT).build();
    String token = ShopTokens.tokenFor(HttpMethod.valueOf(built.method()), built.uri().getPath(), new JsonObject().put("customerId", CUSTOMER));
    HttpRequest authorized = HttpRequest.newBuilder(built, (name, value) -> true).header("Authorization", TestTokens.bearer(token)).build();
    try {
      return HTTP.send(authorized, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
