package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.testing.TestTokens;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operations dashboard in headless Chromium, following a shop of three JVMs (orders, which
 * serves the dashboard; inventory; payments with fraud) while the launcher's load generator places
 * orders. The test changes the shop between looks at the page: it parks a saga, stops and restarts
 * inventory, and retries the parked saga from the page as an operator would. The page as last seen
 * is saved to {@code target/dashboard.png}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class DashboardBrowserTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final Path LOGS = Path.of(System.getProperty("shop.logs", "target/shop-logs"));
  private static final Path SCREENSHOT = LOGS.toAbsolutePath().getParent().resolve("dashboard.png");

  /**
   * Breakers that open within a second or two of inventory going away under load and try it again
   * 2 s later (the few failed calls that park a saga are below their minimum of 10), and an undo
   * whose outcome is unknown parks its saga at once.
   */
  private static final Map<String, String> SHOP = Map.of(
      "HTTP_CLIENT_BREAKER_WINDOW_MS", "2000",
      "HTTP_CLIENT_BREAKER_OPEN_MS", "2000",
      "ORDERS_SAGA_MAX_COMPENSATION_ATTEMPTS", "1");

  @Test
  @DisplayName("the dashboard in Chromium: counters move under load, inventory's breaker opens when it stops and closes when it is back, "
      + "a parked saga is retried from the page")
  void followsTheShopAndRetriesAParkedSaga() {
    DashboardBrowser.assumeInstalled();
    int dashboardPort = DistributedShop.freePorts(1).get(0);
    Map<String, String> dashboard = Map.of(
        "DASHBOARD_ENABLED", "true", "DASHBOARD_HOST", "127.0.0.1", "DASHBOARD_PORT", Integer.toString(dashboardPort));
    try (DistributedShop shop = DistributedShop.start(SHOP, dashboard);
        DashboardBrowser page = DashboardBrowser.start(LOGS.resolve(shop.database.name() + "-chromium.log"))) {
      page.open("http://127.0.0.1:" + dashboardPort + "/dashboard/");
      try {
        page.check("live", new JsonObject(), PATIENCE);
        page.check("services", new JsonObject().put("services", new JsonArray().add("orders")), PATIENCE);
        breaker(page, "inventory", "CLOSED");
        breaker(page, "payments", "CLOSED");
        String parked = parkASaga(shop);

        try (LoadgenProcess load = LoadgenProcess.start(LOGS.resolve(shop.database.name() + "-loadgen.log"), loadgen(shop))) {
          page.check("counters", new JsonObject(), PATIENCE);

          page.check("retry-parked", new JsonObject().put("orderId", parked).put("token", TestTokens.admin()), PATIENCE);
          // The retry refunds the charge that never happened (payments voids it) and cancels the reservation.
          await().atMost(PATIENCE).pollDelay(Duration.ZERO).untilAsserted(() -> assertThat(sagaState(shop, parked)).isEqualTo("REJECTED"));

          shop.inventory.kill();
          breaker(page, "inventory", "OPEN");
          shop.inventory.start();
          breaker(page, "inventory", "CLOSED");
        }
        page.check("errors", new JsonObject(), PATIENCE);
      } catch (AssertionError | RuntimeException failure) {
        page.saveScreenshot(SCREENSHOT);
        throw failure;
      }
      page.check("screenshot", new JsonObject().put("path", SCREENSHOT.toString()), PATIENCE);
    }
  }

  private static void breaker(DashboardBrowser page, String name, String state) {
    page.check("breaker", new JsonObject().put("service", "orders").put("name", name).put("state", state), PATIENCE);
  }

  /**
   * An order whose charge and refund cannot reach payments (its proxy refuses connections): the
   * charge's outcome is unknown, so is the refund's, and the saga parks with its order PENDING.
   */
  private static String parkASaga(DistributedShop shop) {
    String product = "dashboard-" + UUID.randomUUID();
    shop.putProduct(product, 1200, 10);
    shop.paymentsProxy.refuse(true);
    try {
      HttpResponse<Buffer> placed = TcpProxy.await(shop.client.post(shop.ordersPort, "127.0.0.1", "/api/orders")
          .sendJsonObject(DistributedShop.orderBody(product, 1, "4242424242424242")));
      assertThat(placed.statusCode()).as(placed.bodyAsString()).isEqualTo(202);
      String orderId = placed.bodyAsJsonObject().getString("orderId");
      await().atMost(PATIENCE).pollDelay(Duration.ZERO).untilAsserted(() -> assertThat(sagaState(shop, orderId)).isEqualTo("PARKED"));
      return orderId;
    } finally {
      shop.paymentsProxy.refuse(false);
    }
  }

  private static String sagaState(DistributedShop shop, String orderId) {
    HttpResponse<Buffer> saga = TcpProxy.await(shop.client.get(shop.ordersPort, "127.0.0.1", "/admin/sagas/" + orderId).send());
    assertThat(saga.statusCode()).as(saga.bodyAsString()).isEqualTo(200);
    return saga.bodyAsJsonObject().getString("state");
  }

  /**
   * Ten orders a second until closed, with declined cards and a sold-out product in the mix so that
   * every outcome but parked has a line of its own; tokens from the test identity provider.
   */
  private static List<String> loadgen(DistributedShop shop) {
    return List.of(
        "--url", "http://127.0.0.1:" + shop.ordersPort,
        "--inventory-url", "http://127.0.0.1:" + shop.inventoryPort,
        "--rate", "10", "--duration", "10m", "--products", "5",
        "--declined-share", "0.1", "--out-of-stock-share", "0.05", "--timeout", "10s",
        "--token", TestTokens.customer("dashboard-load"), "--admin-token", TestTokens.admin());
  }
}
