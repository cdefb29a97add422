package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop as separate processes, under faults: a service stopped, answers lost, the orchestrator
 * killed, requests repeated, a service slowed down. Each test prints its figures and asserts the
 * invariants: no order lost, stuck, duplicated or oversold, and no money taken for nothing.
 */
class FaultToleranceTest {

  private static final Logger LOG = LoggerFactory.getLogger(FaultToleranceTest.class);
  private static final String CARD = "4242424242424242";
  private static final Duration SETTLE = Duration.ofSeconds(90);

  @Test
  @DisplayName("inventory stopped for 10 s under 2,000 orders: nothing stuck, oversold or charged for nothing; no call while the breaker is open")
  void inventoryOutage() {
    long openMs = 3000;
    try (DistributedShop shop = DistributedShop.start(Map.of("HTTP_CLIENT_BREAKER_OPEN_MS", Long.toString(openMs)))) {
      String product = "outage-" + UUID.randomUUID();
      int stock = 5000;
      shop.putProduct(product, 1000, stock);
      warmUp(shop, product);
      Set<Instant> openings = ConcurrentHashMap.newKeySet();
      long sampler = shop.vertx.setPeriodic(100, timer -> sampleInventoryBreaker(shop, openings));
      long stopAt = shop.vertx.setTimer(10_000, timer -> shop.vertx.executeBlocking(() -> {
        shop.inventory.kill();
        return null;
      }));
      long restartAt = shop.vertx.setTimer(20_000, timer -> shop.vertx.executeBlocking(() -> {
        shop.inventory.start();
        return null;
      }));

      OrderLoad.Result load = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 2000, 50,
          i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
      waitUntilEveryOrderIsFinished(shop);
      shop.vertx.cancelTimer(sampler);
      shop.vertx.cancelTimer(stopAt);
      shop.vertx.cancelTimer(restartAt);

      // The breaker was open from each openedAt it reported until the open time was over; a margin at
      // both ends leaves out requests already on the wire when it opened, and the trial call.
      List<Instant[]> open = openings.stream()
          .map(at -> new Instant[] {at.plusMillis(100), at.plusMillis(openMs - 100)})
          .toList();
      long callsWhileOpen = shop.inventoryProxy.connectionTimes().stream().filter(at -> inside(open, at)).count()
          + shop.inventoryProxy.requestTimes().stream().filter(at -> inside(open, at)).count();
      ShopAudit audit = shop.audit();
      LOG.info("inventory outage: answers {}, orders {}, breaker opened {} times ({} ms each), calls to inventory while open {}, p50 {} ms, p99 {} ms",
          load.byHttpStatus(), audit.ordersByStatus(), open.size(), openMs, callsWhileOpen, load.latencyMs(0.5), load.latencyMs(0.99));

      assertThat(load.byHttpStatus().keySet()).isSubsetOf(201, 202, 503);
      assertThat(open).as("the breaker opened during the outage").isNotEmpty();
      assertThat(callsWhileOpen).isZero();
      assertInvariants(audit, product, stock);
      assertEveryAcknowledgedOrderExists(shop, load);
    }
  }

  @Test
  @DisplayName("payments' answers lost for 100 orders: no order charged twice; each ends confirmed or rejected with its money back")
  void paymentRepliesLost() {
    // The breaker never opens here, so that every one of the 100 charges reaches payments and loses its
    // answer (an open breaker would refuse some of them before they are sent: a different fault).
    try (DistributedShop shop = DistributedShop.start(Map.of("HTTP_CLIENT_TIMEOUT_MS", "500", "HTTP_CLIENT_BREAKER_OPEN_MS", "3000",
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "100000"))) {
      String product = "lost-replies-" + UUID.randomUUID();
      shop.putProduct(product, 2500, 1000);
      warmUp(shop, product);
      long ordersBefore = shop.audit().count("SELECT count(*) FROM orders.orders");
      shop.paymentsProxy.swallowReplies(true);
      OrderLoad.Result load = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 100, 50,
          i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
      long swallowed = shop.paymentsProxy.swallowedRequests();
      shop.paymentsProxy.swallowReplies(false);
      waitUntilEveryOrderIsFinished(shop);

      ShopAudit audit = shop.audit();
      long rejectedWithMoneyKept = audit.count("SELECT count(*) FROM orders.orders o JOIN payments.charges c ON c.order_id = o.id::text "
          + "WHERE o.status = 'REJECTED' AND c.status = 'SUCCEEDED'");
      LOG.info("payment replies lost: answers {}, requests to payments whose answer was lost {}, orders {}, charges {}",
          load.byHttpStatus(), swallowed, audit.ordersByStatus(),
          audit.count("SELECT count(*) FROM payments.charges"));

      assertThat(swallowed).isGreaterThanOrEqualTo(100);
      assertThat(audit.count("SELECT count(*) FROM orders.orders") - ordersBefore).isEqualTo(100);
      assertThat(rejectedWithMoneyKept).isZero();
      assertInvariants(audit, product, 1000);
    }
  }

  @Test
  @DisplayName("the orders process killed (kill -9) at random points across 500 sagas: every saga finishes, each undo applied once, books balance")
  void ordersKilledMidSaga() {
    try (DistributedShop shop = DistributedShop.start(Map.of(
        "HTTP_CLIENT_TIMEOUT_MS", "1000", "HTTP_CLIENT_DEADLINE_MS", "2000", "ORDERS_SAGA_LEASE_MS", "3000"))) {
      String product = "killed-" + UUID.randomUUID();
      int stock = 400;
      shop.putProduct(product, 1500, stock);
      Random random = new Random(42);
      List<OrderLoad.Answer> answers = new ArrayList<>();
      int kills = 0;
      long created = 0;
      while (created < 500) {
        Future<OrderLoad.Result> wave = OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 150, 50,
            i -> DistributedShop.orderBody(product, 1, i % 5 == 0 ? "4000000000000002" : CARD), i -> null);
        Promise<Void> killed = Promise.promise();
        // Anywhere in the 3 s wave: some sagas finish before the kill, others are cut at any step.
        shop.vertx.setTimer(500 + random.nextInt(3000), timer -> shop.vertx.<Void>executeBlocking(() -> {
          shop.orders.kill();
          return null;
        }).onComplete(killed));
        TcpProxy.await(killed.future());
        kills++;
        answers.addAll(TcpProxy.await(wave).answers());
        shop.orders.start();
        created = shop.audit().count("SELECT count(*) FROM orders.orders");
      }
      waitUntilEveryOrderIsFinished(shop, Duration.ofSeconds(60));

      ShopAudit audit = shop.audit();
      LOG.info("orders killed {} times: {} sagas, orders {}, answers {}", kills, created, audit.ordersByStatus(),
          new OrderLoad.Result(answers, 0).byHttpStatus());
      assertThat(created).isGreaterThanOrEqualTo(500);
      assertThat(audit.count("SELECT count(*) FROM inventory.reservations WHERE status = 'CANCELLED'"))
          .isEqualTo(audit.count("SELECT count(DISTINCT reservation_id) FROM inventory.reservations WHERE status = 'CANCELLED'"));
      assertInvariants(audit, product, stock);
      for (OrderLoad.Answer answer : answers) {
        if (answer.orderId() != null) {
          assertThat(shop.order(answer.orderId()).getString("status")).isIn("CONFIRMED", "REJECTED");
        }
      }
    }
  }

  @Test
  @DisplayName("the same Idempotency-Key sent 10 times at once: exactly one order")
  void sameIdempotencyKeyTenTimes() {
    try (DistributedShop shop = DistributedShop.start(Map.of())) {
      String product = "idempotent-" + UUID.randomUUID();
      shop.putProduct(product, 700, 100);
      String key = UUID.randomUUID().toString();
      JsonObject body = DistributedShop.orderBody(product, 3, CARD);

      OrderLoad.Result load = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 10, 10_000, i -> body, i -> key));

      Set<String> ids = new HashSet<>(load.orderIds());
      LOG.info("same key 10 times: answers {}, order ids {}", load.byHttpStatus(), ids);
      assertThat(load.answers()).hasSize(10).allSatisfy(answer -> assertThat(answer.status()).isIn(201, 202));
      assertThat(ids).hasSize(1);
      assertThat(shop.audit().count("SELECT count(*) FROM orders.orders")).isEqualTo(1);
      waitUntilEveryOrderIsFinished(shop);
      assertInvariants(shop.audit(), product, 100);
      // Reserved, or already committed by inventory's consumer of the order's event: 3 units either way.
      assertThat(shop.audit().count("SELECT available FROM inventory.products WHERE product_id = ?", product)).isEqualTo(97);
    }
  }

  @Test
  @DisplayName("inventory answering 500 ms slower: every order is still confirmed, none refused or timed out")
  void inventorySlowedDown() {
    try (DistributedShop shop = DistributedShop.start(Map.of("HTTP_CLIENT_BREAKER_OPEN_MS", "3000"))) {
      String product = "slow-" + UUID.randomUUID();
      shop.putProduct(product, 300, 10_000);
      warmUp(shop, product);
      waitUntilEveryOrderIsFinished(shop);
      OrderLoad.Result baseline = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 200, 50,
          i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
      shop.inventoryProxy.delayReplies(Duration.ofMillis(500));
      OrderLoad.Result slowed = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 200, 50,
          i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
      // The latencies are reported, not asserted: on a shared machine they measure the machine too.
      LOG.info("inventory +500 ms: p50 {} ms, p99 {} ms (before: p50 {} ms, p99 {} ms); answers {}",
          slowed.latencyMs(0.5), slowed.latencyMs(0.99), baseline.latencyMs(0.5), baseline.latencyMs(0.99),
          slowed.byHttpStatus());

      assertThat(slowed.byHttpStatus()).containsOnlyKeys(201);
      waitUntilEveryOrderIsFinished(shop);
      assertInvariants(shop.audit(), product, 10_000);
    }
  }

  private static void assertInvariants(ShopAudit audit, String product, int stock) {
    assertThat(audit.unfinishedOrders()).as("orders not CONFIRMED or REJECTED").isZero();
    assertThat(audit.negativeStock()).as("products with negative stock").isZero();
    assertThat(audit.unitsOversold(product, stock)).as("units oversold").isZero();
    assertThat(audit.unitsHeldForUnconfirmedOrders()).as("units held for orders that are not confirmed").isZero();
    assertThat(audit.confirmedOrdersMissingTheirEffects()).as("confirmed orders without reservation or charge").isZero();
    assertThat(audit.chargesWithoutConfirmedOrderOrRefund()).as("charges without a confirmed order or a refund").isZero();
    assertThat(audit.ordersChargedOrRefundedTwice()).as("orders charged or refunded twice").isZero();
    assertThat(audit.ledgerImbalanceCents()).as("ledger net minus confirmed totals").isZero();
  }

  private static void assertEveryAcknowledgedOrderExists(DistributedShop shop, OrderLoad.Result load) {
    long missing = load.orderIds().stream()
        .filter(id -> shop.audit().count("SELECT count(*) FROM orders.orders WHERE id = ?::uuid", id) == 0)
        .count();
    assertThat(missing).as("acknowledged orders missing from the database").isZero();
  }

  private static void waitUntilEveryOrderIsFinished(DistributedShop shop) {
    waitUntilEveryOrderIsFinished(shop, SETTLE);
  }

  private static void waitUntilEveryOrderIsFinished(DistributedShop shop, Duration within) {
    await().atMost(within).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> shop.audit().unfinishedOrders() == 0);
  }

  /** Notes every distinct time at which orders says the inventory breaker opened. */
  private static void sampleInventoryBreaker(DistributedShop shop, Set<Instant> openings) {
    shop.client.get(shop.ordersPort, "127.0.0.1", "/admin/circuit-breakers").timeout(1000).send()
        .onSuccess(response -> {
          if (response.statusCode() != 200) {
            return;
          }
          JsonArray breakers = response.bodyAsJsonArray();
          for (int i = 0; i < breakers.size(); i++) {
            JsonObject breaker = breakers.getJsonObject(i);
            if ("inventory".equals(breaker.getString("name")) && breaker.getString("openedAt") != null) {
              openings.add(Instant.parse(breaker.getString("openedAt")));
            }
          }
        });
  }

  /**
   * Orders at a low rate first, so that the JVMs have compiled their hot paths before the test; then
   * a few more until every breaker of orders is closed with no failure in its window. A cold JVM
   * can time a few calls out and open a breaker, and a test that starts with a breaker open measures
   * the breaker, not the fault it injects.
   */
  private static void warmUp(DistributedShop shop, String product) {
    TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 300, 30,
        i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
    await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
      if (breakersClosedWithoutFailures(shop)) {
        return true;
      }
      // A half-open breaker closes on its next successful call.
      TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 10, 10,
          i -> DistributedShop.orderBody(product, 1, CARD), i -> null));
      return false;
    });
  }

  private static boolean breakersClosedWithoutFailures(DistributedShop shop) {
    JsonArray breakers = TcpProxy.await(shop.client.get(shop.ordersPort, "127.0.0.1", "/admin/circuit-breakers").timeout(1000).send())
        .bodyAsJsonArray();
    for (int i = 0; i < breakers.size(); i++) {
      JsonObject breaker = breakers.getJsonObject(i);
      if (!"CLOSED".equals(breaker.getString("state")) || breaker.getInteger("failures") != 0) {
        LOG.info("After the warm-up, breaker {} is {} with {} failure(s) in its window; warming up further",
            breaker.getString("name"), breaker.getString("state"), breaker.getInteger("failures"));
        return false;
      }
    }
    return true;
  }

  private static boolean inside(List<Instant[]> periods, Instant at) {
    return periods.stream().anyMatch(period -> !at.isBefore(period[0]) && !at.isAfter(period[1]));
  }

}
