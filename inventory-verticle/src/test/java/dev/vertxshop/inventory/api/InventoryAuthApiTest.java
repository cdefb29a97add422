package dev.vertxshop.inventory.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.inventory.TestInventory;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The catalogue is open, stock changes need the admin grant, reservations the internal one; refused requests write nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InventoryAuthApiTest {

  private static final String PRODUCT = "guarded-mug";
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

  private static JsonObject reservation() {
    return new JsonObject().put("reservationId", "order-" + System.nanoTime())
        .put("items", new JsonArray().add(new JsonObject().put("productId", PRODUCT).put("quantity", 1)));
  }

  @Test
  void theCatalogueIsOpenToAnyone() {
    assertThat(inventory.sendAs(null, HttpMethod.GET, "/api/products", null).statusCode()).isEqualTo(200);
    assertThat(inventory.sendAs(null, HttpMethod.GET, "/api/products/" + PRODUCT, null).statusCode()).isEqualTo(200);
  }

  @Test
  void changingStockNeedsTheAdminGrant() {
    List<String> before = inventory.tables();
    JsonObject change = new JsonObject().put("name", "Free mug").put("priceCents", 1).put("available", 100000);
    assertThat(inventory.sendAs(null, HttpMethod.PUT, "/api/products/" + PRODUCT, change).statusCode()).isEqualTo(401);
    assertThat(inventory.sendAs(TestTokens.customer("eve"), HttpMethod.PUT, "/api/products/" + PRODUCT, change).statusCode())
        .isEqualTo(403);
    assertThat(inventory.sendAs(TestTokens.internal(), HttpMethod.PUT, "/api/products/" + PRODUCT, change).statusCode())
        .isEqualTo(403);
    assertThat(inventory.tables()).isEqualTo(before);
  }

  @Test
  void reservationsNeedTheInternalGrant() {
    List<String> before = inventory.tables();
    assertThat(inventory.sendAs(null, HttpMethod.POST, "/api/reservations", reservation()).statusCode()).isEqualTo(401);
    assertThat(inventory.sendAs(TestTokens.customer("eve"), HttpMethod.POST, "/api/reservations", reservation()).statusCode())
        .isEqualTo(403);
    assertThat(inventory.sendAs(TestTokens.admin(), HttpMethod.POST, "/api/reservations/x-1/cancel", null).statusCode())
        .isEqualTo(403);
    assertThat(inventory.tables()).isEqualTo(before);
    assertThat(inventory.sendAs(TestTokens.internal(), HttpMethod.POST, "/api/reservations", reservation()).statusCode())
        .isEqualTo(201);
  }

  @Test
  void operatorsEndpointsNeedTheAdminGrant() {
    assertThat(inventory.sendAs(TestTokens.customer("eve"), HttpMethod.GET, "/admin/events", null).statusCode()).isEqualTo(403);
    assertThat(inventory.sendAs(TestTokens.admin(), HttpMethod.GET, "/admin/events", null).statusCode()).isEqualTo(200);
  }
}
