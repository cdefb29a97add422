package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.BodyShape;
import dev.vertxshop.testing.hostile.HostileCase;
import dev.vertxshop.testing.hostile.HostileInputs.Kind;
import dev.vertxshop.testing.hostile.HostileInputs;
import dev.vertxshop.testing.hostile.HostileProbe;
import dev.vertxshop.testing.hostile.HostileRequest;
import dev.vertxshop.testing.hostile.HostileRequests;
import dev.vertxshop.testing.hostile.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input on every endpoint of the orders API: each request is refused with a 4xx problem
 * (never a 5xx, never a stack trace), and no row of the orders schema changes. Inventory answers
 * with an empty catalogue, so even a request that slipped through validation could not place an
 * order.
 */
class OrdersHostileInputTest {

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]*$");
  private static final Pattern PRODUCT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+$");
  private static final Pattern CARD = Pattern.compile("^[0-9]{12,19}$");
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("^[ -~]{1,255}$");
  private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private static ContractStub catalogue;
  private static RunningOrders orders;
  private static HostileProbe probe;

  @BeforeContainer
  static void start() {
    catalogue = new ContractStub();
    orders = new RunningOrders(Map.of("INVENTORY_SERVICE_URL", catalogue.url(), "PAYMENTS_SERVICE_URL", catalogue.url()));
    probe = new HostileProbe("orders", orders.verticle.httpPort(), orders.database, "orders");
  }

  @AfterContainer
  static void stop() {
    probe.close();
    orders.close();
    catalogue.close();
  }

  /** The headers every request carries: a token that may call every operation, so that each input reaches validation. */
  private static Map<String, String> headers() {
    return Map.of("Authorization", TestTokens.bearer(
        TestTokens.DEFAULT.token("cust-1", List.of(TestTokens.ADMIN, TestTokens.INTERNAL), Duration.ofHours(1))));
  }

  private static Map<String, String> jsonHeaders() {
    Map<String, String> headers = new LinkedHashMap<>(headers());
    headers.put("Content-Type", "application/json");
    return headers;
  }

  @Property(tries = 250)
  void placeOrder(@ForAll("placeOrderRequests") HostileCase hostile) {
    probe.check("POST /api/orders", hostile);
  }

  @Property(tries = 100)
  void getOrder(@ForAll("getOrderRequests") HostileCase hostile) {
    probe.check("GET /api/orders/{orderId}", hostile);
  }

  @Property(tries = 100)
  void listSagas(@ForAll("listSagasRequests") HostileCase hostile) {
    probe.check("GET /admin/sagas", hostile);
  }

  @Property(tries = 60)
  void countSagas(@ForAll("countSagasRequests") HostileCase hostile) {
    probe.check("GET /admin/sagas/counts", hostile);
  }

  @Property(tries = 100)
  void getSaga(@ForAll("getSagaRequests") HostileCase hostile) {
    probe.check("GET /admin/sagas/{orderId}", hostile);
  }

  @Property(tries = 100)
  void retrySaga(@ForAll("retrySagaRequests") HostileCase hostile) {
    probe.check("POST /admin/sagas/{orderId}/retry", hostile);
  }

  @Property(tries = 60)
  void outboxStatus(@ForAll("outboxStatusRequests") HostileCase hostile) {
    probe.check("GET /admin/outbox", hostile);
  }

  private static Map<String, Object> validOrder() {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("type", "card");
    card.put("cardNumber", "4242424242424242");
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("productId", "apple");
    item.put("quantity", 2);
    Map<String, Object> order = new LinkedHashMap<>();
    order.put("customerId", "cust-1");
    order.put("email", "ann@example.com");
    order.put("items", new java.util.ArrayList<>(List.of(item)));
    order.put("paymentMethod", card);
    return order;
  }

  @Provide
  Arbitrary<HostileCase> placeOrderRequests() {
    BodyShape shape = BodyShape.of(validOrder())
        .field("customerId", Kind.STRING, HostileInputs.stringsThatAre(s -> s.length() > 64 || !ID.matcher(s).matches()), true)
        .field("email", Kind.STRING, HostileInputs.stringsThatAre(s -> s.length() < 3 || s.length() > 254 || !EMAIL.matcher(s).matches()), true)
        .field("items", Kind.ARRAY, Arbitraries.of(List.of(), java.util.Collections.nCopies(51, Map.of("productId", "apple", "quantity", 1)),
            java.util.Collections.nCopies(10_000, 1)), true)
        .field("items.0", Kind.OBJECT, null, true)
        .field("items.0.productId", Kind.STRING, HostileInputs.stringsThatAre(s -> !PRODUCT_ID.matcher(s).matches()), true)
        .field("items.0.quantity", Kind.INTEGER, HostileInputs.numbersOutside(1, 1000), true)
        .field("paymentMethod", Kind.OBJECT, null, true)
        .field("paymentMethod.type", Kind.STRING, HostileInputs.stringsThatAre(s -> !s.equals("card")), true)
        .field("paymentMethod.cardNumber", Kind.STRING, HostileInputs.stringsThatAre(s -> !CARD.matcher(s).matches()), true);
    Arbitrary<HostileCase> brokenBodies = Combinators.combine(shape.brokenBodies(), contentTypes(), Transport.riders())
        .as((body, contentType, rider) -> {
          Map<String, String> headers = new LinkedHashMap<>(headers());
          headers.put("Content-Type", contentType);
          return HostileCase.rejected(rider.apply(HostileRequest.of("POST", "/api/orders", headers, body)));
        });
    Arbitrary<HostileCase> badKeys = Combinators.combine(
            HostileInputs.strings().filter(key -> !IDEMPOTENCY_KEY.matcher(key).matches() && !key.isBlank()),
            shape.brokenBodies().injectNull(0.5))
        .as((key, broken) -> {
          byte[] body = broken == null ? shape.templateText().getBytes(StandardCharsets.UTF_8) : broken;
          return HostileCase.rejected(HostileRequest.of("POST", "/api/orders", jsonHeaders(), body)
              .withHeader("Idempotency-Key", key.getBytes(StandardCharsets.UTF_8)));
        });
    Arbitrary<HostileCase> wrongMediaType = Arbitraries.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/json-patch+json", "*/*", "")
        .map(type -> {
          Map<String, String> headers = new LinkedHashMap<>(headers());
          if (!type.isEmpty()) {
            headers.put("Content-Type", type);
          }
          return HostileCase.rejected(HostileRequest.of("POST", "/api/orders", headers, shape.templateText().getBytes(StandardCharsets.UTF_8)));
        });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, brokenBodies),
        net.jqwik.api.Tuple.of(2, badKeys),
        net.jqwik.api.Tuple.of(1, wrongMediaType));
  }

  private static Arbitrary<String> contentTypes() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just("application/json")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("application/json; charset=utf-16", "application/json; charset=\"\u00ff\"",
            "APPLICATION/JSON", "application/json;;;", "text/plain", "application/problem+json")));
  }

  @Provide
  Arbitrary<HostileCase> getOrderRequests() {
    return HostileRequests.withBadSegment("GET", id -> "/api/orders/" + id, badOrderIds(), headers());
  }

  @Provide
  Arbitrary<HostileCase> getSagaRequests() {
    return HostileRequests.withBadSegment("GET", id -> "/admin/sagas/" + id, badOrderIds(), headers());
  }

  @Provide
  Arbitrary<HostileCase> retrySagaRequests() {
    return HostileRequests.withBadSegment("POST", id -> "/admin/sagas/" + id + "/retry", badOrderIds(), headers());
  }

  @Provide
  Arbitrary<HostileCase> countSagasRequests() {
    return HostileRequests.parameterless("GET", "/admin/sagas/counts", headers());
  }

  @Provide
  Arbitrary<HostileCase> outboxStatusRequests() {
    return HostileRequests.parameterless("GET", "/admin/outbox", headers());
  }

  /** Order ids that are not UUIDs. */
  private static Arbitrary<String> badOrderIds() {
    return Arbitraries.oneOf(HostileRequests.badPathSegments(s -> UUID_TEXT.matcher(s).matches()),
        Arbitraries.of(UUID.randomUUID() + "x", "0", "-1", "9223372036854775808", UUID.randomUUID().toString().replace("-", ""),
            "{" + UUID.randomUUID() + "}", UUID.randomUUID() + "%00", UUID.randomUUID() + "/../x"));
  }

  @Provide
  Arbitrary<HostileCase> listSagasRequests() {
    List<String> states = List.of("RUNNING", "COMPENSATING", "CONFIRMED", "REJECTED", "PARKED");
    Arbitrary<String> badState = HostileRequests.badQueryValues(states::contains).map(s -> "state=" + s);
    Arbitrary<String> badLimit = Arbitraries.oneOf(
            HostileInputs.numbersOutside(1, 1000).map(raw -> raw.text()),
            HostileRequests.badQueryValues(s -> s.matches("\\d+")))
        .map(value -> "limit=" + value);
    Arbitrary<String> queries = Arbitraries.oneOf(badState, badLimit, badState.map(s -> s + "&limit=10"), badLimit.map(s -> "state=PARKED&" + s));
    return Combinators.combine(queries, Transport.riders())
        .as((query, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("GET", "/admin/sagas?" + query, headers(), null))));
  }
}
