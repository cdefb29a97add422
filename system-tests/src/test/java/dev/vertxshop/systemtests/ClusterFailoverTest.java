package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop as three clustered JVMs under steady load, each killed in turn ({@code kill -9}) and
 * started again on the same ports. The dead member's endpoints must vanish from the survivors'
 * discovery, and once the load stops and everything settled, no acknowledged order may be lost,
 * no saga stuck, no unit oversold, no money taken for nothing, and every order event must have had
 * exactly one effect in each consumer.
 */
class ClusterFailoverTest {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterFailoverTest.class);
  private static final String CARD = "4242424242424242";
  private static final String DECLINED_CARD = "4000000000000002";
  private static final int ORDERS_PER_SECOND = 40;
  private static final int AMPLE_STOCK = 100_000;
  private static final int SCARCE_STOCK = 150;
  /** Below payments' fail-open limit: while fraud is down, charges go on unscreened. */
  private static final int PRICE_CENTS = 1500;
  private static final Duration VANISH_BOUND = Duration.ofSeconds(30);
  private static final Duration SETTLE = Duration.ofSeconds(120);
  /** The services call each other again soon after a member is back, and resume sagas quickly. */
  private static final Map<String, String> QUICK_RECOVERY = Map.of(
      "HTTP_CLIENT_TIMEOUT_MS", "1000",
      "HTTP_CLIENT_DEADLINE_MS", "2000",
      "HTTP_CLIENT_BREAKER_OPEN_MS", "1000",
      "ORDERS_SAGA_LEASE_MS", "3000",
      "ORDERS_SAGA_COMPENSATION_RETRY_INITIAL_MS", "200",
      "ORDERS_SAGA_COMPENSATION_RETRY_MAX_MS", "2000",
      "ORDERS_SAGA_MAX_COMPENSATION_ATTEMPTS", "60");

  /** What one kill of one JVM showed. */
  private record Failover(String jvm, Instant killedAt, long downMs, long vanishedMs, long placedWhileDown, long failedWhileDown) {

    String summary() {
      return String.format("%s: killed at %s, endpoints vanished after %d ms, back after %d ms; %d orders placed meanwhile, "
          + "%d not acknowledged", jvm, killedAt, vanishedMs, downMs, placedWhileDown, failedWhileDown);
    }
  }

  @Test
  @DisplayName("each of the three clustered JVMs killed (kill -9) and restarted under 40 orders/s: its endpoints vanish "
      + "from discovery; no acknowledged order lost, no saga stuck, nothing oversold or charged for nothing, each event applied once")
  void killEachMemberUnderLoad() {
    List<String> ample = List.of("failover-" + UUID.randomUUID(), "failover-" + UUID.randomUUID(),
        "failover-" + UUID.randomUUID(), "failover-" + UUID.randomUUID());
    String scarce = "failover-scarce-" + UUID.randomUUID();
    try (EventShop shop = EventShop.clustered(EventShop.THREE_JVMS, QUICK_RECOVERY);
        KafkaProbe kafka = new KafkaProbe(shop.kafka.bootstrapServers());
        // Every fifth order asks for the scarce product, every tenth is paid with a card that is declined.
        Load load = new Load(shop, i -> DistributedShop.orderBody(i % 5 == 4 ? scarce : ample.get(i % 4), 1,
            i % 10 == 3 ? DECLINED_CARD : CARD))) {
      ample.forEach(product -> shop.putProduct(product, PRICE_CENTS, AMPLE_STOCK));
      shop.putProduct(scarce, PRICE_CENTS, SCARCE_STOCK);
      load.start();
      awaitAcknowledged(load, ORDERS_PER_SECOND);

      List<Failover> failovers = new ArrayList<>();
      Set<String> eventsNotificationsMayRedo = new HashSet<>();
      for (String jvm : EventShop.THREE_JVMS.keySet()) {
        String survivor = serviceOutside(shop, jvm);
        String node = nodeOf(shop, jvm);
        long placedBefore = load.sent();
        long failedBefore = load.notAcknowledged();
        Instant killedAt = Instant.now();
        long killedAtNanos = System.nanoTime();
        shop.process(jvm).kill();
        if (shop.servicesOf(jvm).contains("notifications")) {
          // Killed between handing a mail to the SMTP server and recording it, notifications mails again.
          eventsNotificationsMayRedo.addAll(eventsNotCommitted(kafka, "notifications"));
        }
        long vanishedMs = awaitEndpointsGone(shop, survivor, node, killedAtNanos);
        LOG.info("endpoints of {} vanished after {} ms", jvm, vanishedMs);
        shop.restart(jvm);
        long downMs = (System.nanoTime() - killedAtNanos) / 1_000_000;
        failovers.add(new Failover(jvm, killedAt, downMs, vanishedMs, load.sent() - placedBefore, load.notAcknowledged() - failedBefore));
        awaitAcknowledged(load, load.acknowledged() + ORDERS_PER_SECOND);
      }
      load.stop();

      awaitSettled(shop);
      Map<String, String> settled = shop.events().settledOrders();
      List<String> lost = load.acknowledgedOrderIds().stream().filter(id -> !settled.containsKey(id)).toList();
      ShopAudit audit = shop.audit();
      failovers.forEach(failover -> LOG.info(failover.summary()));
      LOG.info("cluster failover: {} orders sent, answers {}, orders {}, sagas {}", load.sent(), load.byStatus(),
          audit.ordersByStatus(), audit.grouped("SELECT state, count(*) FROM orders.sagas GROUP BY state ORDER BY state"));

      assertThat(load.acknowledged()).as("orders acknowledged").isPositive();
      assertThat(load.byStatus().keySet()).as("HTTP statuses (0: no answer)").isSubsetOf(0, 201, 202, 503);
      assertThat(lost).as("acknowledged orders not CONFIRMED or REJECTED in the database").isEmpty();
      assertThat(unfinishedSagas(audit)).as("sagas RUNNING, COMPENSATING or PARKED").isZero();
      assertThat(audit.negativeStock()).as("products with negative stock").isZero();
      for (String product : ample) {
        assertThat(audit.unitsOversold(product, AMPLE_STOCK)).as("units of %s oversold", product).isZero();
      }
      assertThat(audit.unitsOversold(scarce, SCARCE_STOCK)).as("units of the scarce product oversold").isZero();
      assertThat(audit.unitsHeldForUnconfirmedOrders()).as("units held for orders that are not confirmed").isZero();
      assertThat(audit.confirmedOrdersMissingTheirEffects()).as("confirmed orders without reservation or charge").isZero();
      assertThat(audit.chargesWithoutConfirmedOrderOrRefund()).as("money kept for orders that are not confirmed").isZero();
      assertThat(audit.ordersChargedOrRefundedTwice()).as("orders charged or refunded twice").isZero();
      assertThat(audit.ledgerImbalanceCents()).as("ledger net minus confirmed totals").isZero();
      EventInvariants.assertEveryEventAppliedOnce(shop, ordersOf(shop, eventsNotificationsMayRedo));
    }
  }

  /** A service that does not run in {@code jvm}: its member's discovery is the one to watch. */
  private static String serviceOutside(EventShop shop, String jvm) {
    return EventShop.THREE_JVMS.keySet().stream().filter(other -> !other.equals(jvm))
        .map(other -> shop.servicesOf(other).get(0)).findFirst().orElseThrow();
  }

  /** The cluster member id of {@code jvm}, as its own discovery tells it. */
  private static String nodeOf(EventShop shop, String jvm) {
    String[] node = new String[1];
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
        .until(() -> (node[0] = shop.discovery(shop.servicesOf(jvm).get(0)).getString("node")) != null);
    return node[0];
  }

  /** Milliseconds from the kill until {@code survivor}'s discovery lists no endpoint of {@code node}. */
  private static long awaitEndpointsGone(EventShop shop, String survivor, String node, long killedAtNanos) {
    await().atMost(VANISH_BOUND).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() ->
        shop.discovery(survivor).getJsonArray("endpoints").stream()
            .noneMatch(endpoint -> node.equals(((JsonObject) endpoint).getString("node"))));
    return (System.nanoTime() - killedAtNanos) / 1_000_000;
  }

  private static void awaitAcknowledged(Load load, long count) {
    await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .until(() -> load.acknowledged() >= count);
  }

  /** Every order and saga over, every event published and applied by every consumer. */
  private static void awaitSettled(EventShop shop) {
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(250))
        .until(() -> unfinishedSagas(shop.audit()) == 0);
    EventInvariants.awaitEveryEventApplied(shop, SETTLE);
  }

  private static long unfinishedSagas(ShopAudit audit) {
    return audit.count("SELECT count(*) FROM orders.sagas WHERE state NOT IN ('CONFIRMED', 'REJECTED')");
  }

  /** Events on {@code orders} beyond the offsets {@code group} committed. */
  private static Set<String> eventsNotCommitted(KafkaProbe kafka, String group) {
    Map<TopicPartition, Long> ends = kafka.endOffsets("orders");
    Set<String> events = new HashSet<>(kafka.eventIds("orders", ends));
    events.removeAll(kafka.eventIds("orders", kafka.committed(group, "orders")));
    return events;
  }

  private static Set<String> ordersOf(EventShop shop, Set<String> eventIds) {
    return shop.events().outboxByOrder().values().stream().flatMap(List::stream)
        .filter(event -> eventIds.contains(event.id()))
        .map(EventAudit.OutboxEvent::orderId)
        .collect(Collectors.toSet());
  }

  /**
   * Orders placed at {@value #ORDERS_PER_SECOND} per second until stopped, whatever the answers;
   * each answer is kept. A request that got no answer (orders down) counts as not acknowledged.
   */
  private static final class Load implements AutoCloseable {
    private final EventShop shop;
    private final IntFunction<JsonObject> body;
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final Queue<String> acknowledged = new ConcurrentLinkedQueue<>();
    private long timer = -1;

    Load(EventShop shop, IntFunction<JsonObject> body) {
      this.shop = shop;
      this.body = body;
    }

    void start() {
      timer = shop.vertx.setPeriodic(1000 / ORDERS_PER_SECOND, tick -> placeOne());
    }

    private void placeOne() {
      JsonObject order = body.apply(sent.getAndIncrement());
      shop.client.post(shop.port("orders"), "127.0.0.1", "/api/orders").timeout(15_000).sendJsonObject(order)
          .onComplete(answer -> {
            HttpResponse<Buffer> response = answer.succeeded() ? answer.result() : null;
            int status = response == null ? 0 : response.statusCode();
            if (status == 201 || status == 202) {
              acknowledged.add(response.bodyAsJsonObject().getString("orderId"));
            }
            statuses.add(status);
            answered.incrementAndGet();
          });
    }

    /** Stops placing orders and waits for the answer (or the failure) of every one sent. */
    void stop() {
      close();
      await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
          .until(() -> answered.get() == sent.get());
    }

    long sent() {
      return sent.get();
    }

    @Override
    public void close() {
      shop.vertx.cancelTimer(timer);
    }

    long acknowledged() {
      return acknowledged.size();
    }

    long notAcknowledged() {
      return answered.get() - acknowledged.size();
    }

    List<String> acknowledgedOrderIds() {
      return List.copyOf(acknowledged);
    }

    Map<Integer, Long> byStatus() {
      Map<Integer, Long> counts = new TreeMap<>();
      statuses.forEach(status -> counts.merge(status, 1L, Long::sum));
      return counts;
    }
  }
}
