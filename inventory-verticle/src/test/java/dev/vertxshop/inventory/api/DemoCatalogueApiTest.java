package dev.vertxshop.inventory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DemoCatalogueApiTest {

  private static final List<String> DEMO_PRODUCTS = List.of(
      "burr-grinder", "ceramic-mug", "espresso-beans-1kg", "milk-frother", "paper-filters-100", "pour-over-kettle");

  @Test
  void seedsTheDemoCatalogueOnceAndARestartKeepsChangedStock(Vertx vertx) {
    try (TestDatabase database = TestPostgres.createDatabase();
        TestInventory inventory = TestInventory.start(vertx, database, Map.of("INVENTORY_DEMO_CATALOGUE", "true"))) {
      JsonArray seeded = inventory.get("/api/products").bodyAsJsonObject().getJsonArray("products");
      assertThat(seeded.stream().map(p -> ((JsonObject) p).getString("productId"))).containsExactlyElementsOf(DEMO_PRODUCTS);
      assertThat(seeded.stream().map(p -> (JsonObject) p)).allSatisfy(product -> {
        assertThat(product.getLong("available")).isEqualTo(1000);
        assertThat(product.getLong("reserved")).isZero();
        assertThat(product.getLong("priceCents")).isPositive();
      });
      assertThat(inventory.post("/api/reservations", new JsonObject()
          .put("reservationId", "order-before-restart")
          .put("items", new JsonArray().add(new JsonObject().put("productId", "espresso-beans-1kg").put("quantity", 5))))
          .statusCode()).isEqualTo(201);
      inventory.put("/api/products/ceramic-mug",
          new JsonObject().put("name", "Ceramic mug, 350 ml").put("priceCents", 1250).put("available", 3));

      inventory.restart();

      assertThat(inventory.get("/api/products").bodyAsJsonObject().getJsonArray("products")).hasSize(DEMO_PRODUCTS.size());
      assertThat(inventory.product("espresso-beans-1kg").getLong("available")).isEqualTo(995);
      assertThat(inventory.product("espresso-beans-1kg").getLong("reserved")).isEqualTo(5);
      assertThat(inventory.product("ceramic-mug").getLong("available")).isEqualTo(3);
    }
  }

  @Test
  void leavesTheCatalogueEmptyWhenTheDemoIsSwitchedOff(Vertx vertx) {
    try (TestDatabase database = TestPostgres.createDatabase();
        TestInventory inventory = TestInventory.start(vertx, database, Map.of("INVENTORY_DEMO_CATALOGUE", "false"))) {
      assertThat(inventory.get("/api/products").bodyAsJsonObject().getJsonArray("products")).isEmpty();
      assertThat(inventory.get("/api/products/espresso-beans-1kg").statusCode()).isEqualTo(404);
    }
  }
}
