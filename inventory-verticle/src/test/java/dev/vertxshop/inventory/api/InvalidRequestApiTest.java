package dev.vertxshop.inventory.api;

import static dev.vertxshop.inventory.Ids.unique;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of bad request is answered with a problem of a stable type, and writes nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvalidRequestApiTest {

  private static final String JSON = "application/json";
  private static final String PRODUCT = "known-mug";

  private static TestDatabase database;
  private static TestInventory inventory;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    inventory = TestInventory.start(vertx, database);
    inventory.defineProduct(PRODUCT, 1250, 100);
  }

  @AfterAll
  static void stop() {
    inventory.close();
    database.close();
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("malformed JSON", HttpMethod.POST, "/api/reservations", JSON, "{\"reservationId\": \"o-1\", \"items\": [", 400, "malformed-json"),
        bad("missing reservationId", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("items", items(line(PRODUCT, 1))).encode(), 400, "validation-failed"),
        bad("missing items", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("reservationId", unique("order")).encode(), 400, "validation-failed"),
        bad("quantity as a string", HttpMethod.POST, "/api/reservations", JSON,
            reservation(items(new JsonObject().put("productId", PRODUCT).put("quantity", "two"))), 400, "validation-failed"),
        bad("quantity as a fraction", HttpMethod.POST, "/api/reservations", JSON,
            reservation(items(new JsonObject().put("productId", PRODUCT).put("quantity", 1.5))), 400, "validation-failed"),
        bad("items as an object", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("reservationId", unique("order")).put("items", line(PRODUCT, 1)).encode(), 400, "validation-failed"),
        bad("quantity 0", HttpMethod.POST, "/api/reservations", JSON, reservation(items(line(PRODUCT, 0))), 400, "validation-failed"),
        bad("quantity -1", HttpMethod.POST, "/api/reservations", JSON, reservation(items(line(PRODUCT, -1))), 400, "validation-failed"),
        bad("quantity 1001", HttpMethod.POST, "/api/reservations", JSON, reservation(items(line(PRODUCT, 1001))), 400, "validation-failed"),
        bad("empty items", HttpMethod.POST, "/api/reservations", JSON, reservation(new JsonArray()), 400, "validation-failed"),
        bad("51 items", HttpMethod.POST, "/api/reservations", JSON,
            reservation(new JsonArray(IntStream.range(0, 51).mapToObj(i -> (Object) line("p-" + i, 1)).toList())), 400, "validation-failed"),
        bad("the same product twice", HttpMethod.POST, "/api/reservations", JSON,
            reservation(items(line(PRODUCT, 1), line(PRODUCT, 2))), 400, "validation-failed"),
        bad("an unknown member", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("reservationId", unique("order")).put("items", items(line(PRODUCT, 1))).put("coupon", "x").encode(),
            400, "validation-failed"),
        bad("a badly shaped reservation id", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("reservationId", "-order 1").put("items", items(line(PRODUCT, 1))).encode(), 400, "validation-failed"),
        bad("a reservation id that a path would read as a number", HttpMethod.POST, "/api/reservations", JSON,
            new JsonObject().put("reservationId", "1.5").put("items", items(line(PRODUCT, 1))).encode(), 400, "validation-failed"),
        bad("a JSON array body", HttpMethod.POST, "/api/reservations", JSON, "[]", 400, "validation-failed"),
        bad("an empty body", HttpMethod.POST, "/api/reservations", JSON, "", 400, "validation-failed"),
        bad("a body over the limit", HttpMethod.POST, "/api/reservations", JSON,
            reservation(items(line(PRODUCT, 1))).replace("{", "{\"padding\":\"" + "x".repeat(70_000) + "\","), 413, "payload-too-large"),
        bad("a text/plain body", HttpMethod.POST, "/api/reservations", "text/plain", reservation(items(line(PRODUCT, 1))), 415,
            "unsupported-media-type"),
        bad("an unknown path", HttpMethod.GET, "/api/stock", null, null, 404, "not-found"),
        bad("a wrong method", HttpMethod.DELETE, "/api/products/" + PRODUCT, null, null, 405, "method-not-allowed"),
        bad("a badly shaped product id in a GET", HttpMethod.GET, "/api/products/-mug", null, null, 400, "validation-failed"),
        bad("a product id with a space", HttpMethod.GET, "/api/products/big%20mug", null, null, 400, "validation-failed"),
        bad("a product id over 64 characters", HttpMethod.GET, "/api/products/" + "m".repeat(65), null, null, 400, "validation-failed"),
        bad("a badly shaped product id in a PUT", HttpMethod.PUT, "/api/products/_mug", JSON, product("Mug", 100, 5), 400,
            "validation-failed"),
        bad("a product without a name", HttpMethod.PUT, "/api/products/" + PRODUCT, JSON,
            new JsonObject().put("priceCents", 100).put("available", 5).encode(), 400, "validation-failed"),
        bad("a product with a blank name", HttpMethod.PUT, "/api/products/" + PRODUCT, JSON, product("   ", 100, 5), 400,
            "validation-failed"),
        bad("a negative price", HttpMethod.PUT, "/api/products/" + PRODUCT, JSON, product("Mug", -1, 5), 400, "validation-failed"),
        bad("a negative stock", HttpMethod.PUT, "/api/products/" + PRODUCT, JSON, product("Mug", 100, -5), 400, "validation-failed"),
        bad("a price as a string", HttpMethod.PUT, "/api/products/" + PRODUCT, JSON,
            new JsonObject().put("name", "Mug").put("priceCents", "100").put("available", 5).encode(), 400, "validation-failed"),
        bad("a limit of 0", HttpMethod.GET, "/api/products?limit=0", null, null, 400, "validation-failed"),
        bad("a limit that is no number", HttpMethod.GET, "/api/products?limit=many", null, null, 400, "validation-failed"),
        bad("a badly shaped id in a list", HttpMethod.GET, "/api/products?ids=" + PRODUCT + ",-bad", null, null, 400,
            "validation-failed"),
        bad("an empty id list", HttpMethod.GET, "/api/products?ids=", null, null, 400, "validation-failed"),
        bad("101 ids in a list", HttpMethod.GET, "/api/products?ids=" + String.join(",", IntStream.range(0, 101).mapToObj(i -> "p" + i).toList()),
            null, null, 400, "validation-failed"),
        bad("a badly shaped id in a cancel", HttpMethod.POST, "/api/reservations/-order/cancel", null, null, 400, "validation-failed"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersAProblemAndWritesNothing(String description, HttpMethod method, String path, String contentType, String body,
      int status, String slug) {
    List<String> before = inventory.tables();

    HttpResponse<Buffer> response = inventory.send(method, path, contentType, body == null ? null : Buffer.buffer(body));

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(inventory.tables()).isEqualTo(before);
  }

  private static Arguments bad(String description, HttpMethod method, String path, String contentType, String body, int status,
      String slug) {
    return Arguments.of(description, method, path, contentType, body, status, slug);
  }

  private static JsonObject line(String productId, int quantity) {
    return new JsonObject().put("productId", productId).put("quantity", quantity);
  }

  private static JsonArray items(JsonObject... lines) {
    return new JsonArray(List.of((Object[]) lines));
  }

  private static String reservation(JsonArray items) {
    return new JsonObject().put("reservationId", unique("order")).put("items", items).encode();
  }

  private static String product(String name, long priceCents, long available) {
    return new JsonObject().put("name", name).put("priceCents", priceCents).put("available", available).encode();
  }
}
