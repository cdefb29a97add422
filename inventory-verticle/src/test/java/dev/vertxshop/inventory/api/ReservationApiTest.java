package dev.vertxshop.inventory.api;

import static dev.vertxshop.inventory.Ids.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReservationApiTest {

  private static TestDatabase database;
  private static TestInventory inventory;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    inventory = TestInventory.start(vertx, database);
  }

  @AfterAll
  static void stop() {
    inventory.close();
    database.close();
  }

  @Test
  void reservesEveryItemWith201PricesAndTotal() {
    String mug = "a-" + unique("mug");
    String filters = "b-" + unique("filters");
    inventory.defineProduct(mug, 1250, 10);
    inventory.defineProduct(filters, 499, 20);
    String id = unique("order");

    HttpResponse<Buffer> response = reserve(id, item(filters, 3), item(mug, 2));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Location")).isEqualTo("/api/reservations/" + id);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("reservationId", id)
        .put("status", "RESERVED")
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", mug).put("quantity", 2).put("unitPriceCents", 1250))
            .add(new JsonObject().put("productId", filters).put("quantity", 3).put("unitPriceCents", 499)))
        .put("totalCents", 2 * 1250 + 3 * 499));
    assertStock(mug, 8, 2);
    assertStock(filters, 17, 3);
    assertThat(inventory.get("/api/reservations/" + id).bodyAsJsonObject()).isEqualTo(response.bodyAsJsonObject());
  }

  @Test
  void repeatingAReservationAnswers200WithTheSameBodyAndMovesNoStock() {
    String kettle = unique("kettle");
    inventory.defineProduct(kettle, 5900, 5);
    String id = unique("order");
    HttpResponse<Buffer> first = reserve(id, item(kettle, 2));
    List<String> before = inventory.tables();

    HttpResponse<Buffer> again = reserve(id, item(kettle, 2));
    HttpResponse<Buffer> differentItems = reserve(id, item(kettle, 1));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(differentItems.statusCode()).isEqualTo(200);
    assertThat(differentItems.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(inventory.tables()).isEqualTo(before);
    assertStock(kettle, 3, 2);
  }

  @Test
  void insufficientStockOnTheSecondItemAnswers409AndReservesNeitherItem() {
    String plenty = "a-" + unique("beans");
    String scarce = "b-" + unique("grinder");
    inventory.defineProduct(plenty, 2490, 100);
    inventory.defineProduct(scarce, 12900, 1);
    String id = unique("order");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = reserve(id, item(plenty, 5), item(scarce, 2));

    JsonObject problem = problem(response, 409, "insufficient-stock");
    assertThat(problem.getString("productId")).isEqualTo(scarce);
    assertStock(plenty, 100, 0);
    assertStock(scarce, 1, 0);
    assertThat(inventory.tables()).isEqualTo(before);
    assertThat(inventory.get("/api/reservations/" + id).statusCode()).isEqualTo(404);
  }

  @Test
  void unknownProductAnswers422AndReservesNothing() {
    String known = unique("frother");
    inventory.defineProduct(known, 3490, 10);
    String unknown = unique("ghost");
    String id = unique("order");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = reserve(id, item(known, 1), item(unknown, 1));

    JsonObject problem = problem(response, 422, "unknown-product");
    assertThat(problem.getString("productId")).isEqualTo(unknown);
    assertThat(inventory.tables()).isEqualTo(before);
    assertStock(known, 10, 0);
  }

  @Test
  void aFailedReservationCanBeRetriedWithTheSameIdOnceStockArrives() {
    String scarce = unique("grinder");
    inventory.defineProduct(scarce, 12900, 1);
    String id = unique("order");
    problem(reserve(id, item(scarce, 2)), 409, "insufficient-stock");
    inventory.defineProduct(scarce, 12900, 5);

    HttpResponse<Buffer> retried = reserve(id, item(scarce, 2));

    assertThat(retried.statusCode()).isEqualTo(201);
    assertStock(scarce, 3, 2);
  }

  @Test
  void cancellingGivesTheStockBack() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String id = unique("order");
    JsonObject reserved = reserve(id, item(mug, 4)).bodyAsJsonObject();

    HttpResponse<Buffer> response = inventory.post("/api/reservations/" + id + "/cancel");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(reserved.copy().put("status", "CANCELLED"));
    assertStock(mug, 10, 0);
  }

  @Test
  void cancellingTwiceChangesNothingTheSecondTime() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String id = unique("order");
    reserve(id, item(mug, 4));
    HttpResponse<Buffer> first = inventory.post("/api/reservations/" + id + "/cancel");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> second = inventory.post("/api/reservations/" + id + "/cancel");

    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(inventory.tables()).isEqualTo(before);
    assertStock(mug, 10, 0);
  }

  @Test
  void cancellingAnUnknownReservationMakesALaterReserveWithThatIdReserveNothing() {
    String mug = unique("mug");
    inventory.defineProduct(mug, 1250, 10);
    String id = unique("order");

    HttpResponse<Buffer> cancelled = inventory.post("/api/reservations/" + id + "/cancel");
    HttpResponse<Buffer> lateReserve = reserve(id, item(mug, 4));

    JsonObject tombstone = new JsonObject()
        .put("reservationId", id).put("status", "CANCELLED").put("items", new JsonArray()).put("totalCents", 0);
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.bodyAsJsonObject()).isEqualTo(tombstone);
    assertThat(lateReserve.statusCode()).isEqualTo(200);
    assertThat(lateReserve.bodyAsJsonObject()).isEqualTo(tombstone);
    assertStock(mug, 10, 0);
  }

  @Test
  void committingTakesTheReservedStockOutForGood() {
    String kettle = unique("kettle");
    inventory.defineProduct(kettle, 5900, 10);
    String id = unique("order");
    JsonObject reserved = reserve(id, item(kettle, 3)).bodyAsJsonObject();

    HttpResponse<Buffer> committed = inventory.post("/api/reservations/" + id + "/commit");
    HttpResponse<Buffer> again = inventory.post("/api/reservations/" + id + "/commit");

    assertThat(committed.statusCode()).isEqualTo(200);
    assertThat(committed.bodyAsJsonObject()).isEqualTo(reserved.copy().put("status", "COMMITTED"));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(committed.bodyAsJsonObject());
    assertStock(kettle, 7, 0);
  }

  @Test
  void committingACancelledReservationAnswers409() {
    String kettle = unique("kettle");
    inventory.defineProduct(kettle, 5900, 10);
    String id = unique("order");
    reserve(id, item(kettle, 3));
    inventory.post("/api/reservations/" + id + "/cancel");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = inventory.post("/api/reservations/" + id + "/commit");

    problem(response, 409, "reservation-cancelled");
    assertThat(inventory.tables()).isEqualTo(before);
    assertStock(kettle, 10, 0);
  }

  @Test
  void cancellingACommittedReservationAnswers409AndKeepsTheStockOut() {
    String kettle = unique("kettle");
    inventory.defineProduct(kettle, 5900, 10);
    String id = unique("order");
    reserve(id, item(kettle, 3));
    inventory.post("/api/reservations/" + id + "/commit");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = inventory.post("/api/reservations/" + id + "/cancel");

    problem(response, 409, "reservation-committed");
    assertThat(inventory.tables()).isEqualTo(before);
    assertStock(kettle, 7, 0);
  }

  @Test
  void committingAnUnknownReservationAnswers404AndRecordsNothing() {
    String id = unique("order");
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = inventory.post("/api/reservations/" + id + "/commit");

    problem(response, 404, "not-found");
    assertThat(inventory.tables()).isEqualTo(before);
  }

  @Test
  void gettingAnUnknownReservationAnswers404() {
    problem(inventory.get("/api/reservations/" + unique("order")), 404, "not-found");
  }

  @Test
  void aReservationKeepsThePriceOfTheMomentItWasMade() {
    String beans = unique("beans");
    inventory.defineProduct(beans, 2490, 10);
    String id = unique("order");
    reserve(id, item(beans, 1));

    inventory.defineProduct(beans, 2990, 10);

    JsonObject reservation = inventory.get("/api/reservations/" + id).bodyAsJsonObject();
    assertThat(reservation.getJsonArray("items").getJsonObject(0).getLong("unitPriceCents")).isEqualTo(2490);
    assertThat(reservation.getLong("totalCents")).isEqualTo(2490);
  }

  static JsonObject item(String productId, int quantity) {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }

  private static HttpResponse<Buffer> reserve(String reservationId, JsonObject... items) {
    return inventory.post("/api/reservations",
        new JsonObject().put("reservationId", reservationId).put("items", new JsonArray(List.of((Object[]) items))));
  }

  private static void assertStock(String productId, long available, long reserved) {
    JsonObject product = inventory.product(productId);
    assertThat(product.getLong("available")).as("available of %s", productId).isEqualTo(available);
    assertThat(product.getLong("reserved")).as("reserved of %s", productId).isEqualTo(reserved);
  }

  static JsonObject problem(HttpResponse<Buffer> response, int status, String slug) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject body = response.bodyAsJsonObject();
    assertThat(body.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(body.getInteger("status")).isEqualTo(status);
    return body;
  }
}
