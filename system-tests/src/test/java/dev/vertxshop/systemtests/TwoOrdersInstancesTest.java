package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.systemtests.ShopAudit.StepLine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two orders JVMs against one database, as orders runs when it is scaled out. Each drives the sagas
 * of the orders it placed, under a lease owner of its own, and each runs a recovery loop that claims
 * the sagas nobody drives; the step log records which owner wrote each line ({@code driven_by}).
 *
 * <p>While both live, every saga must be driven by exactly one of them, also the sagas whose undo
 * waits for a retry while inventory is cut off (both recovery loops sweep past them all along).
 * Once one is killed ({@code kill -9}) with sagas in flight, the survivor must resume each of them,
 * and only after the dead instance's lease ran out: a saga's lines are the dead owner's, then the
 * survivor's, never interleaved.
 */
class TwoOrdersInstancesTest {

  private static final Logger LOG = LoggerFactory.getLogger(TwoOrdersInstancesTest.class);
  private static final String CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final int SCARCE_STOCK = 40;
  private static final int ORDERS_PER_INSTANCE = 200;

  @Test
  @DisplayName("two orders instances on one database: each saga driven by exactly one of them; after kill -9 of one with "
      + "sagas in flight, the survivor resumes them after the dead one's lines; every saga settles, 0 oversold, "
      + "one charge per confirmed order")
  void eachSagaIsDrivenByExactlyOneInstance() {
    // A live instance loses a saga to the other only when it does not write it for a whole lease: when
    // one of its writes failed (its runner then stops) or it stalled. The lease outlasts a whole call
    // (http.client.deadline-ms) by 12 s, so that only a stall far beyond any the machine may have
    // hands a live instance's saga over, while a dead instance's sagas are resumed soon. Sweeps are
    // frequent, and undos retried soon and often, so that none is parked by the cut.
    Map<String, String> env = Map.of(
        "HTTP_CLIENT_DEADLINE_MS", "3000", "ORDERS_SAGA_LEASE_MS", "15000", "ORDERS_SAGA_RECOVERY_INTERVAL_MS", "200",
        "HTTP_CLIENT_BREAKER_OPEN_MS", "1000",
        "ORDERS_SAGA_COMPENSATION_RETRY_INITIAL_MS", "200", "ORDERS_SAGA_COMPENSATION_RETRY_MAX_MS", "1000",
        "ORDERS_SAGA_MAX_COMPENSATION_ATTEMPTS", "20",
        // Four JVMs on one PostgreSQL server: small pools leave connections for everything else on it.
        "PG_POOL_SIZE", "4");
    int secondPort = DistributedShop.freePorts(1).get(0);
    try (DistributedShop shop = DistributedShop.start(env);
        // The second instance reaches inventory and payments through proxies of its own, so that a
        // test can slow down its calls alone.
        TcpProxy secondInventory = TcpProxy.start(shop.vertx, shop.inventoryPort);
        TcpProxy secondPayments = TcpProxy.start(shop.vertx, shop.paymentsPort);
        ShopProcess second = shop.startOrders("orders-2", secondPort, Map.of(
            "INVENTORY_SERVICE_URL", "http://127.0.0.1:" + secondInventory.port(),
            "PAYMENTS_SERVICE_URL", "http://127.0.0.1:" + secondPayments.port()))) {
      String scarce = "scarce-" + UUID.randomUUID();
      String plenty = "plenty-" + UUID.randomUUID();
      shop.putProduct(scarce, 2500, SCARCE_STOCK);
      shop.putProduct(plenty, 1000, 1_000_000);
      ShopAudit audit = shop.audit();
      warmUp(shop, List.of(shop.ordersPort, secondPort), plenty);

      Owners owners = bothInstancesLive(shop, audit, secondPort, List.of(shop.inventoryProxy, secondInventory), scarce, plenty);
      oneInstanceKilled(shop, audit, second, secondPort, secondPayments, owners, plenty);

      assertInvariants(audit, scarce);
    }
  }

  /** The two lease owners: the first instance's and the second's. */
  private record Owners(String first, String second) {}

  private Owners bothInstancesLive(DistributedShop shop, ShopAudit audit, int secondPort, List<TcpProxy> inventoryProxies,
      String scarce, String plenty) {
    // Round robin: even orders to the first instance, odd ones to the second; every fourth wants the
    // scarce product, every tenth is declined.
    IntFunction<JsonObject> body = i -> DistributedShop.orderBody(i % 4 == 0 ? scarce : plenty, 1, i % 10 == 7 ? DECLINED_CARD : CARD);
    Future<OrderLoad.Result> toFirst = OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, ORDERS_PER_INSTANCE, 40,
        i -> body.apply(2 * i), i -> null);
    Future<OrderLoad.Result> toSecond = OrderLoad.run(shop.vertx, shop.client, secondPort, ORDERS_PER_INSTANCE, 40,
        i -> body.apply(2 * i + 1), i -> null);
    // Inventory slows down, then is cut off for a second: the sagas caught reserving undo their
    // reservation, and while inventory is away that undo waits for a retry, its saga still leased
    // to the instance that waits. Both recovery loops sweep all along.
    shop.vertx.setTimer(1500, timer -> inventoryProxies.forEach(proxy -> proxy.delayReplies(Duration.ofMillis(300))));
    shop.vertx.setTimer(2500, timer -> inventoryProxies.forEach(proxy -> proxy.refuse(true)));
    shop.vertx.setTimer(3500, timer -> inventoryProxies.forEach(proxy -> {
      proxy.refuse(false);
      proxy.delayReplies(Duration.ZERO);
    }));
    OrderLoad.Result first = TcpProxy.await(toFirst);
    OrderLoad.Result second = TcpProxy.await(toSecond);
    awaitEverySagaSettled(audit, Duration.ofSeconds(60));

    Map<String, List<StepLine>> logs = audit.sagaStepLogs();
    Map<String, Set<String>> ownersBySaga = new HashMap<>();
    logs.forEach((orderId, lines) ->
        ownersBySaga.put(orderId, lines.stream().map(TwoOrdersInstancesTest::owner).collect(Collectors.toSet())));
    Set<String> firstOwners = ownersOf(first.orderIds(), ownersBySaga);
    Set<String> secondOwners = ownersOf(second.orderIds(), ownersBySaga);
    long caughtByTheCut = logs.values().stream()
        .filter(lines -> lines.stream().anyMatch(line -> line.action().equals("COMPENSATE") && line.status().equals("FAILED")))
        .count();
    long undone = logs.values().stream().filter(lines -> lines.stream().anyMatch(line -> line.action().equals("COMPENSATE"))).count();
    LOG.info("both instances live: answers {} (first) / {} (second); {} sagas in all (warm-up included): "
            + "{} undid a step, {} of them waited for a retry of the undo (inventory cut off); owners {} / {}; orders {}",
        first.byHttpStatus(), second.byHttpStatus(), logs.size(), undone, caughtByTheCut, firstOwners, secondOwners,
        audit.ordersByStatus());

    assertThat(first.byHttpStatus().keySet()).as("answers of the first instance").isSubsetOf(201, 202, 503);
    assertThat(second.byHttpStatus().keySet()).as("answers of the second instance").isSubsetOf(201, 202, 503);
    assertThat(first.orderIds()).isNotEmpty();
    assertThat(second.orderIds()).isNotEmpty();
    assertThat(ownersBySaga.values()).as("owners of each saga's lines, while both instances live")
        .allSatisfy(sagaOwners -> assertThat(sagaOwners).hasSize(1).doesNotContain("(none)"));
    assertThat(firstOwners).as("the first instance drove every saga it placed, alone").hasSize(1);
    assertThat(secondOwners).as("the second instance drove every saga it placed, alone").hasSize(1);
    Owners owners = new Owners(firstOwners.iterator().next(), secondOwners.iterator().next());
    assertThat(owners.first()).isNotEqualTo(owners.second());
    assertThat(undone).as("sagas that undid a step (declined cards, inventory cut off)").isPositive();
    assertInvariants(audit, scarce);
    return owners;
  }

  private void oneInstanceKilled(DistributedShop shop, ShopAudit audit, ShopProcess second, int secondPort, TcpProxy secondPayments,
      Owners owners, String plenty) {
    // The second instance's charges take 600 ms to answer, so that many of its sagas are in flight.
    secondPayments.delayReplies(Duration.ofMillis(600));
    int chargesBefore = secondPayments.requestTimes().size();
    IntFunction<JsonObject> body = i -> DistributedShop.orderBody(plenty, 1, i % 10 == 7 ? DECLINED_CARD : CARD);
    Future<OrderLoad.Result> toFirst = OrderLoad.run(shop.vertx, shop.client, shop.ordersPort, 90, 30, body, i -> null);
    Future<OrderLoad.Result> toSecond = OrderLoad.run(shop.vertx, shop.client, secondPort, 90, 30, body, i -> null);
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10)).atMost(Duration.ofSeconds(30))
        .until(() -> secondPayments.requestTimes().size() >= chargesBefore + 15);

    second.kill();
    Instant killedAt = Instant.now();
    Map<String, Instant> inFlight = leasesHeldBy(audit, owners.second());
    OrderLoad.Result first = TcpProxy.await(toFirst);
    OrderLoad.Result killed = TcpProxy.await(toSecond);
    awaitEverySagaSettled(audit, Duration.ofSeconds(60));
    Duration toSettle = Duration.between(killedAt, Instant.now());

    Map<String, List<StepLine>> logs = audit.sagaStepLogs();
    int withBothOwners = 0;
    for (Map.Entry<String, List<StepLine>> saga : logs.entrySet()) {
      List<String> runs = runsOfOwners(saga.getValue());
      boolean oneOwner = runs.size() == 1 && !runs.contains("(none)");
      boolean takenOver = runs.equals(List.of(owners.second(), owners.first()));
      assertThat(oneOwner || takenOver)
          .as("owners of saga %s's lines, run by run, are %s: one owner, or the dead one then the survivor", saga.getKey(), runs)
          .isTrue();
      if (runs.size() == 2) {
        withBothOwners++;
      }
    }
    Instant firstTakeover = null;
    int confirmedAfterTakeover = 0;
    for (Map.Entry<String, Instant> taken : inFlight.entrySet()) {
      List<StepLine> lines = logs.getOrDefault(taken.getKey(), List.of());
      List<StepLine> survivors = lines.stream().filter(line -> owners.first().equals(line.drivenBy())).toList();
      assertThat(survivors).as("lines the survivor wrote for saga %s, in flight on the killed instance", taken.getKey()).isNotEmpty();
      StepLine last = lines.get(lines.size() - 1);
      assertThat(last.drivenBy()).as("who ended saga %s", taken.getKey()).isEqualTo(owners.first());
      // The survivor claims a saga only once the dead instance's lease has run out: never both at once.
      assertThat(survivors.get(0).at()).as("the survivor's first line of saga %s, against the dead instance's lease", taken.getKey())
          .isAfterOrEqualTo(taken.getValue());
      if (firstTakeover == null || survivors.get(0).at().isBefore(firstTakeover)) {
        firstTakeover = survivors.get(0).at();
      }
      if (last.step().equals("CONFIRM") && last.status().equals("SUCCEEDED")) {
        confirmedAfterTakeover++;
      }
    }
    LOG.info("one instance killed: {} sagas in flight on it at the kill, all taken over by the survivor ({} with lines of both "
            + "owners, the dead one's first; {} confirmed, the others undone); first takeover {} ms after the kill, every saga "
            + "settled {} ms after it; answers {} (survivor) / {} (killed), orders {}",
        inFlight.size(), withBothOwners, confirmedAfterTakeover,
        firstTakeover == null ? "-" : Duration.between(killedAt, firstTakeover).toMillis(), toSettle.toMillis(),
        first.byHttpStatus(), killed.byHttpStatus(), audit.ordersByStatus());

    assertThat(inFlight).as("sagas in flight on the killed instance").isNotEmpty();
    assertThat(withBothOwners).as("sagas with lines of the dead owner, then of the survivor").isPositive();
    // 503: the catalogue could not be read (a busy inventory), and nothing was written.
    assertThat(first.byHttpStatus().keySet()).as("answers of the survivor").isSubsetOf(201, 202, 503);
    assertThat(first.orderIds()).as("orders the survivor took while it took the dead one's sagas over").isNotEmpty();
  }

  /**
   * A few orders through each instance, so that the JVMs have compiled their hot paths, then more
   * until every breaker of both instances is closed with no failure in its window: a cold JVM can
   * time a few calls out and open a breaker, which would then answer the test's orders 503.
   */
  private static void warmUp(DistributedShop shop, List<Integer> ports, String product) {
    IntFunction<JsonObject> body = i -> DistributedShop.orderBody(product, 1, CARD);
    TcpProxy.await(Future.all(ports.stream().map(port -> OrderLoad.run(shop.vertx, shop.client, port, 60, 20, body, i -> null)).toList()));
    for (int port : ports) {
      await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
        if (breakersClosedWithoutFailures(shop, port)) {
          return true;
        }
        // A half-open breaker closes on its next successful call.
        TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, port, 5, 10, body, i -> null));
        return false;
      });
    }
  }

  private static boolean breakersClosedWithoutFailures(DistributedShop shop, int port) {
    JsonArray breakers = TcpProxy.await(shop.client.get(port, "127.0.0.1", "/admin/circuit-breakers").timeout(1000).send())
        .bodyAsJsonArray();
    for (int i = 0; i < breakers.size(); i++) {
      JsonObject breaker = breakers.getJsonObject(i);
      if (!"CLOSED".equals(breaker.getString("state")) || breaker.getInteger("failures") != 0) {
        LOG.info("After the warm-up, breaker {} of orders on port {} is {} with {} failure(s) in its window; warming up further",
            breaker.getString("name"), port, breaker.getString("state"), breaker.getInteger("failures"));
        return false;
      }
    }
    return true;
  }

  /** The owner of each of the sagas of {@code orderIds}. */
  private static Set<String> ownersOf(List<String> orderIds, Map<String, Set<String>> ownersBySaga) {
    return orderIds.stream().flatMap(id -> ownersBySaga.getOrDefault(id, Set.of()).stream()).collect(Collectors.toSet());
  }

  private static String owner(StepLine line) {
    return line.drivenBy() == null ? "(none)" : line.drivenBy();
  }

  /** The owners of a saga's lines with repeats folded: [a, a, b, b] is [a, b]; [a, b, a] stays so. */
  private static List<String> runsOfOwners(List<StepLine> lines) {
    List<String> runs = new ArrayList<>();
    for (StepLine line : lines) {
      if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(owner(line))) {
        runs.add(owner(line));
      }
    }
    return runs;
  }

  /** The sagas leased to {@code owner}, with the time their lease runs out. */
  private static Map<String, Instant> leasesHeldBy(ShopAudit audit, String owner) {
    String sql = "SELECT order_id::text, lease_expires_at FROM orders.sagas WHERE lease_owner = ?";
    Map<String, Instant> leases = new TreeMap<>();
    try (Connection connection = audit.connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, owner);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          leases.put(rows.getString(1), rows.getObject(2, OffsetDateTime.class).toInstant());
        }
      }
      return leases;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void awaitEverySagaSettled(ShopAudit audit, Duration within) {
    // A poll that cannot reach the database (it is shared) is tried again at the next one.
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).atMost(within).ignoreExceptions().until(() ->
        audit.unfinishedOrders() == 0 && audit.count("SELECT count(*) FROM orders.sagas WHERE state IN ('RUNNING', 'COMPENSATING')") == 0);
  }

  private static void assertInvariants(ShopAudit audit, String scarce) {
    assertThat(audit.unfinishedOrders()).as("orders not CONFIRMED or REJECTED").isZero();
    assertThat(audit.count("SELECT count(*) FROM orders.sagas WHERE state NOT IN ('CONFIRMED', 'REJECTED')"))
        .as("sagas not over (parked included)").isZero();
    assertThat(audit.negativeStock()).as("products with negative stock").isZero();
    assertThat(audit.unitsOversold(scarce, SCARCE_STOCK)).as("units oversold").isZero();
    assertThat(audit.unitsHeldForUnconfirmedOrders()).as("units held for orders that are not confirmed").isZero();
    assertThat(audit.confirmedOrdersMissingTheirEffects()).as("confirmed orders without reservation or charge").isZero();
    assertThat(audit.count("SELECT count(*) FROM orders.orders o WHERE o.status = 'CONFIRMED' AND "
        + "(SELECT count(*) FROM payments.ledger l WHERE l.order_id = o.id::text AND l.kind = 'CHARGE') <> 1"))
        .as("confirmed orders without exactly one charge").isZero();
    assertThat(audit.chargesWithoutConfirmedOrderOrRefund()).as("charges without a confirmed order or a refund").isZero();
    assertThat(audit.ordersChargedOrRefundedTwice()).as("orders charged or refunded twice").isZero();
    assertThat(audit.ledgerImbalanceCents()).as("ledger net minus confirmed totals").isZero();
  }
}
