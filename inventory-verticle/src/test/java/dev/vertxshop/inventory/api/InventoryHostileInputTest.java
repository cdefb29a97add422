package dev.vertxshop.inventory.api;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.BodyShape;
import dev.vertxshop.testing.hostile.HostileCase;
import dev.vertxshop.testing.hostile.HostileInputs.Kind;
import dev.vertxshop.testing.hostile.HostileInputs;
import dev.vertxshop.testing.hostile.HostileProbe;
import dev.vertxshop.testing.hostile.HostileRequest;
import dev.vertxshop.testing.hostile.HostileRequests;
import dev.vertxshop.testing.hostile.Transport;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
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
 * Hostile input on every endpoint of the inventory API: each request is refused with a 4xx problem
 * (never a 5xx, never a stack trace), and no row of the inventory schema changes. The service runs
 * with the demo catalogue, so there are products a request could try to touch.
 */
class InventoryHostileInputTest {

  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Predicate<String> VALID_ID = s -> ID.matcher(s).matches();

  private static Vertx vertx;
  private static TestDatabase database;
  private static TestInventory inventory;
  private static HostileProbe probe;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    inventory = TestInventory.start(vertx, database, Map.of("INVENTORY_DEMO_CATALOGUE", "true"));
    probe = new HostileProbe("inventory", inventory.port(), database, "inventory");
  }

  @AfterContainer
  static void stop() {
    probe.close();
    inventory.close();
    TestInventory.await(vertx.close());
    database.close();
  }

  /** The headers every request carries: a token that may call every operation, so that each input reaches validation. */
  private static Map<String, String> headers() {
    return Map.of("Authorization", TestTokens.bearer(
        TestTokens.DEFAULT.token("cust-1", List.of(TestTokens.ADMIN, TestTokens.INTERNAL), Duration.ofHours(1))));
  }

  @Property(tries = 100)
  void listProducts(@ForAll("listProductsRequests") HostileCase hostile) {
    probe.check("GET /api/products", hostile);
  }

  @Property(tries = 80)
  void getProduct(@ForAll("getProductRequests") HostileCase hostile) {
    probe.check("GET /api/products/{productId}", hostile);
  }

  @Property(tries = 200)
  void putProduct(@ForAll("putProductRequests") HostileCase hostile) {
    probe.check("PUT /api/products/{productId}", hostile);
  }

  @Property(tries = 200)
  void reserve(@ForAll("reserveRequests") HostileCase hostile) {
    probe.check("POST /api/reservations", hostile);
  }

  @Property(tries = 80)
  void getReservation(@ForAll("getReservationRequests") HostileCase hostile) {
    probe.check("GET /api/reservations/{reservationId}", hostile);
  }

  @Property(tries = 80)
  void cancelReservation(@ForAll("cancelReservationRequests") HostileCase hostile) {
    probe.check("POST /api/reservations/{reservationId}/cancel", hostile);
  }

  @Property(tries = 80)
  void commitReservation(@ForAll("commitReservationRequests") HostileCase hostile) {
    probe.check("POST /api/reservations/{reservationId}/commit", hostile);
  }

  @Provide
  Arbitrary<HostileCase> listProductsRequests() {
    Arbitrary<String> badIds = Arbitraries.oneOf(
        HostileRequests.badQueryValues(s -> s.matches("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}(,[A-Za-z0-9][A-Za-z0-9._-]{0,63}){0,99}$")),
        Arbitraries.just(String.join(",", Collections.nCopies(101, "apple"))),
        Arbitraries.just("apple,,pear"), Arbitraries.just(","));
    Arbitrary<String> badLimit = Arbitraries.oneOf(
        HostileInputs.numbersOutside(1, 500).map(raw -> raw.text()),
        HostileRequests.badQueryValues(s -> s.matches("\\d+")));
    Arbitrary<String> queries = Arbitraries.oneOf(badIds.map(s -> "ids=" + s), badLimit.map(s -> "limit=" + s),
        badLimit.map(s -> "ids=apple&limit=" + s));
    return Combinators.combine(queries, Transport.riders())
        .as((query, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("GET", "/api/products?" + query, headers(), null))));
  }

  @Provide
  Arbitrary<HostileCase> getProductRequests() {
    return HostileRequests.withBadSegment("GET", id -> "/api/products/" + id, HostileRequests.badPathSegments(VALID_ID), headers());
  }

  private static Map<String, Object> validProduct() {
    Map<String, Object> product = new LinkedHashMap<>();
    product.put("name", "Hostile apple");
    product.put("priceCents", 120);
    product.put("available", 10);
    return product;
  }

  @Provide
  Arbitrary<HostileCase> putProductRequests() {
    BodyShape shape = BodyShape.of(validProduct())
        .field("name", Kind.STRING, HostileInputs.stringsThatAre(s -> s.isEmpty() || s.length() > 200), true)
        .field("priceCents", Kind.INTEGER, HostileInputs.numbersOutside(0, 100_000_000), true)
        .field("available", Kind.INTEGER, HostileInputs.numbersOutside(0, 1_000_000_000), true);
    Arbitrary<HostileCase> brokenBody = Combinators.combine(shape.brokenBodies(), Arbitraries.of("apple", "new-product"), Transport.riders())
        .as((body, id, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("PUT", "/api/products/" + id, json(), body))));
    Arbitrary<HostileCase> badId = Combinators.combine(HostileRequests.badPathSegments(VALID_ID), Transport.riders())
        .as((id, rider) -> HostileCase.rejected(rider.apply(
            HostileRequest.of("PUT", "/api/products/" + id, json(), HostileInputs.utf8(shape.templateText())))));
    return Arbitraries.oneOf(brokenBody, badId);
  }

  private static Map<String, Object> validReservation() {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("productId", "apple");
    item.put("quantity", 1);
    Map<String, Object> reservation = new LinkedHashMap<>();
    reservation.put("reservationId", "hostile-1");
    reservation.put("items", new ArrayList<>(List.of(item)));
    return reservation;
  }

  @Provide
  Arbitrary<HostileCase> reserveRequests() {
    BodyShape shape = BodyShape.of(validReservation())
        .field("reservationId", Kind.STRING, HostileInputs.stringsThatAre(VALID_ID.negate()), true)
        .field("items", Kind.ARRAY, Arbitraries.of(List.of(), Collections.nCopies(51, Map.of("productId", "apple", "quantity", 1)),
            Collections.nCopies(10_000, 1)), true)
        .field("items.0", Kind.OBJECT, null, true)
        .field("items.0.productId", Kind.STRING, HostileInputs.stringsThatAre(VALID_ID.negate()), true)
        .field("items.0.quantity", Kind.INTEGER, HostileInputs.numbersOutside(1, 1000), true);
    return Combinators.combine(shape.brokenBodies(), Transport.riders())
        .as((body, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("POST", "/api/reservations", json(), body))));
  }

  @Provide
  Arbitrary<HostileCase> getReservationRequests() {
    return HostileRequests.withBadSegment("GET", id -> "/api/reservations/" + id, HostileRequests.badPathSegments(VALID_ID), headers());
  }

  @Provide
  Arbitrary<HostileCase> cancelReservationRequests() {
    return HostileRequests.withBadSegment("POST", id -> "/api/reservations/" + id + "/cancel", HostileRequests.badPathSegments(VALID_ID),
        headers());
  }

  @Provide
  Arbitrary<HostileCase> commitReservationRequests() {
    return HostileRequests.withBadSegment("POST", id -> "/api/reservations/" + id + "/commit", HostileRequests.badPathSegments(VALID_ID),
        headers());
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new LinkedHashMap<>(headers());
    headers.put("Content-Type", "application/json");
    return headers;
  }
}
