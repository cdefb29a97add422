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
class ProductApiTest {

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
  void createsAProductWith201AndItsLocation() {
    String id = unique("kettle");

    HttpResponse<Buffer> response = inventory.put("/api/products/" + id,
        new JsonObject().put("name", "Gooseneck kettle").put("priceCents", 5900).put("available", 25));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.getHeader("Location")).isEqualTo("/api/products/" + id);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("productId", id).put("name", "Gooseneck kettle").put("priceCents", 5900).put("available", 25).put("reserved", 0));
  }

  @Test
  void updatesAnExistingProductWith200AndKeepsItsReservedStock() {
    String id = unique("mug");
    inventory.defineProduct(id, 1250, 10);
    assertThat(inventory.post("/api/reservations", new JsonObject()
        .put("reservationId", unique("order"))
        .put("items", new JsonArray().add(new JsonObject().put("productId", id).put("quantity", 3)))).statusCode())
        .isEqualTo(201);

    HttpResponse<Buffer> response = inventory.put("/api/products/" + id,
        new JsonObject().put("name", "Large mug").put("priceCents", 1490).put("available", 40));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("productId", id).put("name", "Large mug").put("priceCents", 1490).put("available", 40).put("reserved", 3));
    assertThat(inventory.product(id)).isEqualTo(response.bodyAsJsonObject());
  }

  @Test
  void getsAProductWithItsStock() {
    String id = unique("grinder");
    inventory.defineProduct(id, 12900, 7);

    HttpResponse<Buffer> response = inventory.get("/api/products/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("productId", id).put("name", "Product " + id).put("priceCents", 12900).put("available", 7).put("reserved", 0));
  }

  @Test
  void answers404ProblemForAnUnknownProduct() {
    HttpResponse<Buffer> response = inventory.get("/api/products/" + unique("nothing"));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:not-found");
  }

  @Test
  void listsTheRequestedProductsInIdOrderAndLeavesUnknownIdsOut() {
    String first = "a-" + unique("filter");
    String second = "b-" + unique("filter");
    inventory.defineProduct(second, 499, 1);
    inventory.defineProduct(first, 599, 2);

    HttpResponse<Buffer> response = inventory.get("/api/products?ids=" + second + "," + unique("unknown") + "," + first);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonArray products = response.bodyAsJsonObject().getJsonArray("products");
    assertThat(products.stream().map(p -> ((JsonObject) p).getString("productId"))).containsExactly(first, second);
    assertThat(products.getJsonObject(0).getLong("priceCents")).isEqualTo(599);
  }

  @Test
  void listsProductsWhoseIdsLookLikeOtherJsonValues() {
    String digits = Long.toString(System.nanoTime());
    inventory.defineProduct(digits, 100, 1);
    inventory.defineProduct("true", 200, 2);

    HttpResponse<Buffer> response = inventory.get("/api/products?ids=" + digits + ",true");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("products").stream().map(p -> ((JsonObject) p).getString("productId")))
        .containsExactlyInAnyOrder(digits, "true");
    assertThat(inventory.product(digits).getLong("priceCents")).isEqualTo(100);
  }

  @Test
  void listsTheFirstProductsByIdUpToTheLimit() {
    inventory.defineProduct(unique("frother"), 3490, 5);
    inventory.defineProduct(unique("frother"), 3490, 5);
    inventory.defineProduct(unique("frother"), 3490, 5);

    JsonArray limited = inventory.get("/api/products?limit=2").bodyAsJsonObject().getJsonArray("products");
    JsonArray all = inventory.get("/api/products").bodyAsJsonObject().getJsonArray("products");

    assertThat(all.size()).isGreaterThanOrEqualTo(3);
    List<String> allIds = all.stream().map(p -> ((JsonObject) p).getString("productId")).toList();
    assertThat(allIds).isSorted();
    assertThat(limited.stream().map(p -> ((JsonObject) p).getString("productId"))).containsExactlyElementsOf(allIds.subList(0, 2));
  }

  @Test
  void servesReadinessWhileTheDatabaseAnswers() {
    HttpResponse<Buffer> response = inventory.get("/health/ready");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("database");
  }
}
