package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The order events under faults, with the services in separate JVMs from the fat jar and the Kafka
 * broker in the test JVM: a consumer killed between its effect and its offset commit, Redis emptied
 * and the topic replayed, orders killed between commit and publish, Kafka down for 30 s. Each test
 * ends with the same promise ({@link EventInvariants}): every settled order's event applied exactly
 * once by each consumer, and nothing applied for anything else.
 */
class EventFaultToleranceTest {

  private static final Logger LOG = LoggerFactory.getLogger(EventFaultToleranceTest.class);
  private static final String CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final Duration SETTLE = Duration.ofSeconds(120);
  private static final List<String> CORE = List.of("orders", "payments", "fraud");
  /** Orders reaches inventory while it is down or starting again: it must try again soon after. */
  private static final Map<String, String> QUICK_RECOVERY = Map.of(
      "HTTP_CLIENT_TIMEOUT_MS", "1000",
      "HTTP_CLIENT_DEADLINE_MS", "2000",
      "HTTP_CLIENT_BREAKER_OPEN_MS", "1000",
      "ORDERS_SAGA_LEASE_MS", "3000",
      "ORDERS_SAGA_COMPENSATION_RETRY_INITIAL_MS", "200",
      "ORDERS_SAGA_COMPENSATION_RETRY_MAX_MS", "2000",
      "ORDERS_SAGA_MAX_COMPENSATION_ATTEMPTS", "60");

  @Test
  @DisplayName("the consumers' JVM killed (kill -9) after effects and before their offsets are committed: after a restart every event has exactly one effect in each consumer")
  void consumerKilledBetweenEffectAndCommit() throws SQLException {
    Map<String, List<String>> jvms = new LinkedHashMap<>();
    jvms.put("core", CORE);
    jvms.put("consumers", EventShop.CONSUMERS);
    try (EventShop shop = EventShop.start(jvms, QUICK_RECOVERY); KafkaProbe kafka = new KafkaProbe(shop.kafka.bootstrapServers())) {
      String product = "killed-consumer-" + UUID.randomUUID();
      shop.putProduct(product, 1500, 100_000);
      Future<OrderLoad.Result> load = OrderLoad.run(shop.vertx, shop.client, shop.port("orders"), 750, 30,
          i -> order(i, product, 1, CARD), i -> null);

      // Hold the inventory consumer inside a batch whose other events it has applied: it cannot commit
      // that batch's offsets, so the kill below lands between effects and commit.
      Map<String, Set<String>> notCovered;
      Map<String, Set<String>> inFlight;
      try (Connection first = shop.audit().connect(); Connection second = shop.audit().connect()) {
        String firstHeld = holdInventoryConsumer(shop, first);
        String secondHeld = holdNewestReservation(shop, second,
            "r.status = 'RESERVED' AND o.status = 'CONFIRMED' AND x.published_at IS NOT NULL AND r.reservation_id <> '" + firstHeld + "'");
        first.rollback();
        await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .until(() -> effectsNotCoveredByOffsets(shop, kafka).get("inventory").size() >= 5);

        shop.process("consumers").kill();
        notCovered = effectsNotCoveredByOffsets(shop, kafka);
        inFlight = eventsInFlight(kafka);
        second.rollback();
        LOG.info("consumers killed holding reservations {} and {}: effects not covered by committed offsets {}, events in flight {}",
            firstHeld, secondHeld, sizes(notCovered), sizes(inFlight));
      }
      EventShop.CONSUMERS.forEach(kafka::removeMembers);
      shop.process("consumers").start();

      OrderLoad.Result result = TcpProxy.await(load);
      EventInvariants.awaitEveryEventApplied(shop, SETTLE);
      Map<String, JsonObject> statuses = new HashMap<>();
      EventShop.CONSUMERS.forEach(service -> statuses.put(service, shop.consumerStatus(service).getJsonObject("member")));
      Set<String> mayBeMailedTwice = ordersOf(shop, inFlight.get("notifications"));
      LOG.info("consumer killed: answers {}, orders {}, consumers since restart {}, mails {} for {} orders",
          result.byHttpStatus(), shop.audit().ordersByStatus(), statuses,
          shop.mailsByOrder().values().stream().mapToLong(Long::longValue).sum(), shop.mailsByOrder().size());

      assertThat(notCovered.get("inventory")).as("inventory effects beyond its committed offsets at the kill").isNotEmpty();
      EventInvariants.assertEveryEventAppliedOnce(shop, mayBeMailedTwice);
    }
  }

  @Test
  @DisplayName("Redis emptied and every consumer group rewound to the start of the topic: each event is handled again and has still exactly one effect")
  void redisEmptiedAndTopicReplayed() {
    Map<String, List<String>> jvms = new LinkedHashMap<>();
    jvms.put("core", CORE);
    jvms.put("consumers", EventShop.CONSUMERS);
    try (EventShop shop = EventShop.start(jvms, Map.of()); KafkaProbe kafka = new KafkaProbe(shop.kafka.bootstrapServers())) {
      String product = "replayed-" + UUID.randomUUID();
      shop.putProduct(product, 990, 10_000);
      TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.port("orders"), 150, 50,
          i -> order(i, product, 1 + i % 3, i % 5 == 0 ? DECLINED_CARD : CARD), i -> null));
      EventInvariants.awaitEveryEventApplied(shop, SETTLE);
      EventInvariants.assertEveryEventAppliedOnce(shop);
      long events = kafka.allEventIds("orders").size();

      shop.process("consumers").stop();
      for (String group : EventShop.CONSUMERS) {
        kafka.rewindToEarliest(group, List.of("orders", "orders." + group + ".retry"));
      }
      shop.flushRedis();
      shop.process("consumers").start();

      await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
        for (String service : EventShop.CONSUMERS) {
          JsonObject status = shop.consumerStatus(service);
          assertThat(status.getLong("lag")).as("%s lag", service).isZero();
          assertThat(status.getJsonObject("member").getLong("handled")).as("%s events handled again", service)
              .isGreaterThanOrEqualTo(events);
        }
      });
      for (String service : EventShop.CONSUMERS) {
        JsonObject member = shop.consumerStatus(service).getJsonObject("member");
        LOG.info("{} after the replay of {} events with Redis empty: {}", service, events, member);
        assertThat(member.getLong("duplicatesSkipped")).as("%s events Redis skipped", service).isZero();
      }
      EventInvariants.awaitEveryEventApplied(shop, SETTLE);
      EventInvariants.assertEveryEventAppliedOnce(shop);
    }
  }

  @Test
  @DisplayName("orders killed (kill -9) with committed events not yet published, and Kafka stopped for 30 s during 500 orders: every settled order's event applied exactly once by each consumer, none for refused requests")
  void ordersKilledAndKafkaStoppedDuring500Orders() {
    Map<String, List<String>> jvms = new LinkedHashMap<>();
    jvms.put("orders", List.of("orders"));
    jvms.put("payments", List.of("payments", "fraud"));
    jvms.put("consumers", EventShop.CONSUMERS);
    try (EventShop shop = EventShop.start(jvms, QUICK_RECOVERY); KafkaProbe kafka = new KafkaProbe(shop.kafka.bootstrapServers())) {
      String product = "outage-" + UUID.randomUUID();
      shop.putProduct(product, 1200, 100_000);
      // Every 10th request names no product (422), every 5th has a declined card (order rejected).
      Future<OrderLoad.Result> load = OrderLoad.run(shop.vertx, shop.client, shop.port("orders"), 500, 10,
          i -> order(i, i % 10 == 9 ? "no-such-product" : product, 1, i % 5 == 0 ? DECLINED_CARD : CARD), i -> null);

      waitUntil(() -> shop.audit().count("SELECT count(*) FROM orders.orders") >= 40);
      long outageStarted = System.nanoTime();
      shop.kafka.stop();
      LOG.info("Kafka stopped");
      waitUntil(() -> shop.events().pendingOutboxEvents() >= 40);
      shop.process("orders").kill();
      long pendingAtKill = shop.events().pendingOutboxEvents();
      LOG.info("orders killed with {} committed events not published", pendingAtKill);
      shop.process("orders").start();
      waitUntil(() -> System.nanoTime() - outageStarted >= Duration.ofSeconds(30).toNanos());
      shop.kafka.start();
      LOG.info("Kafka started again after {} ms", (System.nanoTime() - outageStarted) / 1_000_000);

      // The relay catches up on the backlog: killed in the middle, it publishes again what it had
      // sent without marking it, and the consumers see those events twice.
      Map<TopicPartition, Long> before = kafka.endOffsets("orders");
      waitUntil(() -> !kafka.endOffsets("orders").equals(before) || load.isComplete());
      shop.process("orders").kill();
      long pendingAtSecondKill = shop.events().pendingOutboxEvents();
      shop.process("orders").start();

      OrderLoad.Result result = TcpProxy.await(load);
      EventInvariants.awaitEveryEventApplied(shop, SETTLE);
      List<String> published = kafka.allEventIds("orders");
      LOG.info("orders killed twice, Kafka down 30 s: answers {}, orders {}, events pending at the kills {} and {}, "
              + "records on the topic {} for {} events, consumers {}",
          result.byHttpStatus(), shop.audit().ordersByStatus(), pendingAtKill, pendingAtSecondKill, published.size(),
          new HashSet<>(published).size(), EventShop.CONSUMERS.stream().map(s -> shop.consumerStatus(s).getJsonObject("member")).toList());

      assertThat(pendingAtKill).as("committed events not yet published when orders was killed").isPositive();
      assertThat(result.byHttpStatus()).containsKey(422);
      assertThat(shop.audit().ordersByStatus()).containsKeys("CONFIRMED", "REJECTED");
      EventInvariants.assertEveryEventAppliedOnce(shop);
    }
  }

  /**
   * Holds inventory's consumer on the reservation of an order about to be confirmed (charged, not
   * committed yet) until 30 confirmed orders wait for it; tries another order when the one held
   * does not end confirmed (its charge's answer was lost, say). Answers the reservation held.
   */
  private static String holdInventoryConsumer(EventShop shop, Connection connection) throws SQLException {
    for (int attempt = 1; attempt <= 5; attempt++) {
      String held = holdNewestReservation(shop, connection, "r.status = 'RESERVED' AND EXISTS "
          + "(SELECT 1 FROM payments.charges c WHERE c.order_id = r.reservation_id AND c.status = 'SUCCEEDED')");
      try {
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
            .until(() -> confirmedOrdersAwaitingInventory(shop) >= 30);
        return held;
      } catch (ConditionTimeoutException e) {
        LOG.info("Holding reservation {} did not hold inventory's consumer up; trying another", held);
        connection.rollback();
      }
    }
    throw new IllegalStateException("Could not hold inventory's consumer up on a reservation");
  }

  /**
   * Locks the reservation row (inventory's consumer must lock it to commit the reservation) of the
   * newest order that matches {@code condition} in a transaction of {@code connection}, and
   * answers its id. r: the reservation, o: the order, x: its outbox event (if any).
   */
  private static String holdNewestReservation(EventShop shop, Connection connection, String condition) throws SQLException {
    connection.setAutoCommit(false);
    String sql = "SELECT r.reservation_id FROM inventory.reservations r "
        + "JOIN orders.orders o ON o.id::text = r.reservation_id "
        + "LEFT JOIN orders.outbox x ON x.order_id = o.id "
        + "WHERE " + condition + " ORDER BY r.created_at DESC LIMIT 1 FOR UPDATE OF r SKIP LOCKED";
    AtomicReference<String> held = new AtomicReference<>();
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
      try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
        if (rows.next()) {
          held.set(rows.getString(1));
          return true;
        }
      }
      connection.rollback();
      return false;
    });
    return held.get();
  }

  /** Confirmed orders whose event is on the topic and whose reservation inventory has not committed. */
  private static long confirmedOrdersAwaitingInventory(EventShop shop) {
    return shop.audit().count("SELECT count(*) FROM orders.orders o "
        + "JOIN inventory.reservations r ON r.reservation_id = o.id::text "
        + "JOIN orders.outbox x ON x.order_id = o.id "
        + "WHERE o.status = 'CONFIRMED' AND r.status = 'RESERVED' AND x.published_at IS NOT NULL");
  }

  /** Per consumer group: the events it applied that lie beyond the offsets it committed. */
  private static Map<String, Set<String>> effectsNotCoveredByOffsets(EventShop shop, KafkaProbe kafka) {
    EventAudit audit = shop.events();
    Map<String, Set<String>> effects = Map.of(
        "inventory", audit.processed("inventory"),
        "notifications", audit.sentEmailsByEvent().keySet(),
        "analytics", audit.processed("analytics"));
    Map<String, Set<String>> notCovered = new HashMap<>();
    effects.forEach((group, applied) -> {
      Set<String> covered = new HashSet<>(kafka.eventIds("orders", kafka.committed(group, "orders")));
      Set<String> beyond = new HashSet<>(applied);
      beyond.removeAll(covered);
      notCovered.put(group, beyond);
    });
    return notCovered;
  }

  /** Per consumer group: the events on the topic at and after the offsets it committed. */
  private static Map<String, Set<String>> eventsInFlight(KafkaProbe kafka) {
    Map<TopicPartition, Long> ends = kafka.endOffsets("orders");
    Set<String> all = new HashSet<>(kafka.eventIds("orders", ends));
    Map<String, Set<String>> inFlight = new HashMap<>();
    for (String group : EventShop.CONSUMERS) {
      Set<String> beyond = new HashSet<>(all);
      beyond.removeAll(kafka.eventIds("orders", kafka.committed(group, "orders")));
      inFlight.put(group, beyond);
    }
    return inFlight;
  }

  private static Set<String> ordersOf(EventShop shop, Set<String> eventIds) {
    Set<String> orders = new HashSet<>();
    shop.events().outboxByOrder().forEach((orderId, events) -> events.stream()
        .filter(event -> eventIds.contains(event.id()))
        .forEach(event -> orders.add(orderId)));
    return orders;
  }

  private static Map<String, Integer> sizes(Map<String, Set<String>> sets) {
    Map<String, Integer> sizes = new HashMap<>();
    sets.forEach((key, set) -> sizes.put(key, set.size()));
    return sizes;
  }

  private static void waitUntil(Supplier<Boolean> condition) {
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(condition::get);
  }

  private static JsonObject order(int i, String product, int quantity, String card) {
    return new JsonObject()
        .put("customerId", "customer-" + i)
        .put("email", "customer-" + i + "@example.com")
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", quantity)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card));
  }
}
