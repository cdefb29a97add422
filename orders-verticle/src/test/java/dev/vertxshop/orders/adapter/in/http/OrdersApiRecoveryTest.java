package dev.vertxshop.orders.adapter.in.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A freshly started orders service finds the sagas that a stopped one left in the middle (rows as
 * a crash leaves them) and ends each, calling the stand-ins for inventory and payments only as the
 * record demands.
 */
class OrdersApiRecoveryTest {

  private static ContractStub shop;

  @BeforeAll
  static void start() {
    shop = new ContractStub().product("apple", 100, 100);
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  private static JsonObject awaitFinal(RunningOrders orders, UUID id) {
    JsonObject[] order = new JsonObject[1];
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).atMost(Duration.ofSeconds(10)).until(() -> {
      order[0] = orders.get("/api/orders/" + id).bodyAsJsonObject();
      return !order[0].getString("status").equals("PENDING");
    });
    return order[0];
  }

  @Test
  void sagasLeftInDoubtByAStoppedInstanceAreEndedByAFreshlyStartedOne() {
    TestDatabase database = RunningOrders.migratedDatabase();
    UUID reserveInDoubt = SagaRows.leftBehind(database, "RUNNING", "RESERVE_STOCK", 1, null,
        "RESERVE_STOCK EXECUTE STARTED attempt 1");
    UUID chargeInDoubt = SagaRows.leftBehind(database, "RUNNING", "CHARGE_PAYMENT", 1, null,
        "RESERVE_STOCK EXECUTE STARTED attempt 1", "RESERVE_STOCK EXECUTE SUCCEEDED reserved, total 200",
        "CHARGE_PAYMENT EXECUTE STARTED attempt 1");
    UUID confirmNotWritten = SagaRows.leftBehind(database, "RUNNING", "CONFIRM", 0, null,
        "RESERVE_STOCK EXECUTE STARTED attempt 1", "RESERVE_STOCK EXECUTE SUCCEEDED reserved, total 200",
        "CHARGE_PAYMENT EXECUTE STARTED attempt 1", "CHARGE_PAYMENT EXECUTE SUCCEEDED charged 200");
    UUID refundInProgress = SagaRows.leftBehind(database, "COMPENSATING", "CHARGE_PAYMENT", 1, "payments-unavailable",
        "RESERVE_STOCK EXECUTE STARTED attempt 1", "RESERVE_STOCK EXECUTE SUCCEEDED reserved, total 200",
        "CHARGE_PAYMENT EXECUTE STARTED attempt 1", "CHARGE_PAYMENT EXECUTE FAILED outcome unknown: timeout",
        "CHARGE_PAYMENT COMPENSATE STARTED attempt 1");

    try (RunningOrders orders = new RunningOrders(database, Map.of(
        "INVENTORY_SERVICE_URL", shop.url(), "PAYMENTS_SERVICE_URL", shop.url()))) {

      JsonObject first = awaitFinal(orders, reserveInDoubt);
      assertThat(first.getString("status")).isEqualTo("REJECTED");
      assertThat(first.getString("reason")).isEqualTo("order-interrupted");
      assertThat(shop.callsFor(reserveInDoubt.toString())).as("reserve issued again, then cancelled: the charge cannot be made")
          .containsExactly("POST /api/reservations", "POST /api/reservations/" + reserveInDoubt + "/cancel");
      assertThat(orders.stepLog(reserveInDoubt.toString())).containsExactly(
          "RESERVE_STOCK EXECUTE STARTED", "RESERVE_STOCK EXECUTE STARTED", "RESERVE_STOCK EXECUTE SUCCEEDED",
          "CHARGE_PAYMENT EXECUTE FAILED", "RESERVE_STOCK COMPENSATE STARTED", "RESERVE_STOCK COMPENSATE SUCCEEDED");

      JsonObject second = awaitFinal(orders, chargeInDoubt);
      assertThat(second.getString("status")).isEqualTo("REJECTED");
      assertThat(second.getString("reason")).isEqualTo("order-interrupted");
      assertThat(shop.callsFor(chargeInDoubt.toString())).as("the charge in doubt is refunded, then the reservation cancelled")
          .containsExactly("POST /api/charges/" + chargeInDoubt + "/refund", "POST /api/reservations/" + chargeInDoubt + "/cancel");

      JsonObject third = awaitFinal(orders, confirmNotWritten);
      assertThat(third.getString("status")).isEqualTo("CONFIRMED");
      assertThat(shop.callsFor(confirmNotWritten.toString())).isEmpty();

      JsonObject fourth = awaitFinal(orders, refundInProgress);
      assertThat(fourth.getString("reason")).isEqualTo("payments-unavailable");
      assertThat(shop.callsFor(refundInProgress.toString())).containsExactly(
          "POST /api/charges/" + refundInProgress + "/refund", "POST /api/reservations/" + refundInProgress + "/cancel");

      assertThat(orders.count("SELECT count(*) FROM orders.sagas WHERE lease_owner IS NOT NULL")).as("no lease left").isZero();
    }
  }

  @Test
  void twoInstancesStartingTogetherShareTheSagasLeftBehindAndNeverDriveOneTwice() throws Exception {
    TestDatabase database = RunningOrders.migratedDatabase();
    List<UUID> leftBehind = SagaRows.leftBehindReserving(database, 300);
    Map<String, String> env = Map.of("INVENTORY_SERVICE_URL", shop.url(), "PAYMENTS_SERVICE_URL", shop.url(), "PG_POOL_SIZE", "4");
    Map<String, Object> smallBatches = Map.of("orders.saga.recovery-batch-size", 3);
    ExecutorService starter = Executors.newFixedThreadPool(2);
    try {
      Future<RunningOrders> one = starter.submit(() -> new RunningOrders(database, env, smallBatches));
      Future<RunningOrders> other = starter.submit(() -> new RunningOrders(database, env, smallBatches));
      try (RunningOrders first = one.get(30, TimeUnit.SECONDS); RunningOrders second = other.get(30, TimeUnit.SECONDS)) {
        await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).atMost(Duration.ofSeconds(30)).until(() ->
            first.count("SELECT count(*) FROM orders.sagas WHERE state NOT IN ('CONFIRMED', 'REJECTED')") == 0);

        Map<String, Integer> sagasByInstance = new HashMap<>();
        for (UUID id : leftBehind) {
          assertThat(shop.callsFor(id.toString())).as("driven by one instance only")
              .containsExactly("POST /api/reservations", "POST /api/reservations/" + id + "/cancel");
          List<String> owners = RunningOrders.strings(database,
              "SELECT driven_by FROM orders.saga_steps WHERE order_id = ?::uuid ORDER BY id", id.toString());
          assertThat(owners).as("the attempt left behind, then reserve, its outcome, the failed charge, the cancel and its outcome")
              .hasSize(6);
          assertThat(owners.get(0)).isEqualTo("crashed-instance");
          String owner = owners.get(1);
          assertThat(owner).isNotEqualTo("crashed-instance");
          assertThat(owners.subList(1, 6)).as("one instance drove it to its end").containsOnly(owner);
          sagasByInstance.merge(owner, 1, Integer::sum);
        }
        System.out.println("Sagas taken over per instance: " + sagasByInstance.values());
        assertThat(sagasByInstance.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(300);
        assertThat(first.count("SELECT count(*) FROM orders.orders WHERE reason = 'order-interrupted' AND customer_id LIKE 'bulk-%'"))
            .isEqualTo(300);
      }
    } finally {
      starter.shutdownNow();
    }
  }
}
