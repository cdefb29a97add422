package dev.vertxshop.systemtests;

import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * How fast the order events take effect. With the whole shop co-located in one JVM (the fat jar),
 * its Kafka broker and SMTP server in this JVM and the PostgreSQL server at {@code PG_HOST}:
 *
 * <ol>
 *   <li>latency: orders placed at a fixed rate; for each settled order, the time from its
 *       confirmation ({@code orders.outbox.created_at}, the settle time) to the relay's publication
 *       and to each consumer's effect (inventory's and analytics' {@code processed_at}, taken when
 *       their transaction starts; notifications' {@code sent_at}, once the SMTP server took the
 *       mail): p50, p99 and max;
 *   <li>throughput: N {@code order.completed} events for N reservations made beforehand, published
 *       at once by a producer in this JVM; each consumer's effects per second from its first effect
 *       to its last.
 * </ol>
 *
 * Run it with {@code bench/events-latency.sh [orders/s] [seconds] [events]}.
 */
public final class EventLatencyBenchmark {

  private static final String CARD = "4242424242424242";
  private static final int PRODUCTS = 20;
  private static final int RESERVE_CONCURRENCY = 32;
  private static final Duration SETTLE = Duration.ofMinutes(10);

  private record Latencies(String name, List<Double> millis) {}

  private record Throughput(String name, long effects, double firstToLastSeconds, double publishToLastSeconds) {}

  public static void main(String[] args) throws Exception {
    int rate = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    try (EventShop shop = EventShop.inOneJvm(Map.of("PG_POOL_SIZE", "16"))) {
      String product = "bench-" + UUID.randomUUID();
      shop.putProduct(product, 1250, 100_000_000);

      TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.port("orders"), rate * 10 / 2, rate / 2,
          i -> order(i, product), i -> null));
      awaitAllApplied(shop);
      Instant measuredFrom = Instant.now();
      OrderLoad.Result load = TcpProxy.await(OrderLoad.run(shop.vertx, shop.client, shop.port("orders"), rate * seconds, rate,
          i -> order(i, product), i -> null));
      awaitAllApplied(shop);
      List<Latencies> latencies = latencies(shop, measuredFrom);

      printLatencies(rate, seconds, load, latencies);

      if (events > 0) {
        List<String> reservations = reserve(shop, events);
        awaitAllApplied(shop);
        Instant publishedFrom = Instant.now();
        long publishMillis = publish(shop, reservations);
        awaitThroughputEffects(shop, publishedFrom, events);
        printThroughput(events, publishMillis, throughput(shop, publishedFrom));
      }
    }
  }

  // ---- latency at a fixed rate ----

  private static JsonObject order(int i, String product) {
    return new JsonObject()
        .put("customerId", "bench-" + i)
        .put("email", "bench-" + i + "@example.com")
        .put("items", List.of(new JsonObject().put("productId", product).put("quantity", 1)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", CARD));
  }

  /** Waits until every settled order's event is published and had its effect in every consumer. */
  private static void awaitAllApplied(EventShop shop) {
    ShopAudit audit = shop.audit();
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
      long settled = audit.count("SELECT count(*) FROM orders.orders WHERE status IN ('CONFIRMED', 'REJECTED')");
      long completed = audit.count("SELECT count(*) FROM orders.outbox WHERE type = 'order.completed'");
      long all = audit.count("SELECT count(*) FROM orders.outbox");
      return audit.unfinishedOrders() == 0
          && all == settled
          && audit.count("SELECT count(*) FROM orders.outbox WHERE published_at IS NULL") == 0
          && audit.count("SELECT count(*) FROM inventory.processed_events") >= completed
          && audit.count("SELECT count(*) FROM notifications.sent_emails") >= all
          && audit.count("SELECT count(*) FROM analytics.processed_events") >= all
          && shop.consumersCaughtUp();
    });
  }

  private static List<Latencies> latencies(EventShop shop, Instant from) throws SQLException {
    String since = " WHERE x.created_at >= ?";
    return List.of(
        new Latencies("relay (published)", millis(shop, "SELECT x.published_at - x.created_at FROM orders.outbox x" + since, from)),
        new Latencies("inventory", millis(shop, "SELECT e.processed_at - x.created_at FROM orders.outbox x "
            + "JOIN inventory.processed_events e ON e.event_id = x.id::text" + since, from)),
        new Latencies("notifications", millis(shop, "SELECT e.sent_at - x.created_at FROM orders.outbox x "
            + "JOIN notifications.sent_emails e ON e.event_id = x.id::text" + since, from)),
        new Latencies("analytics", millis(shop, "SELECT e.processed_at - x.created_at FROM orders.outbox x "
            + "JOIN analytics.processed_events e ON e.event_id = x.id::text" + since, from)));
  }

  /** The intervals {@code sql} selects (one column), in milliseconds, sorted. */
  private static List<Double> millis(EventShop shop, String sql, Instant from) throws SQLException {
    List<Double> values = new ArrayList<>();
    String wrapped = "SELECT extract(epoch FROM d) * 1000 FROM (" + sql + ") AS t(d)";
    try (Connection connection = shop.audit().connect(); PreparedStatement statement = connection.prepareStatement(wrapped)) {
      statement.setTimestamp(1, Timestamp.from(from));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getDouble(1));
        }
      }
    }
    Collections.sort(values);
    return values;
  }

  // ---- consumers' throughput ----

  /** Reserves one unit for each of {@code count} new reservations, spread over a few products. */
  private static List<String> reserve(EventShop shop, int count) {
    List<String> products = new ArrayList<>();
    for (int p = 0; p < PRODUCTS; p++) {
      String product = "bench-throughput-" + p + "-" + UUID.randomUUID();
      shop.putProduct(product, 1250, count);
      products.add(product);
    }
    List<String> ids = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> clients = new ArrayList<>();
    for (int c = 0; c < RESERVE_CONCURRENCY; c++) {
      Promise<Void> done = Promise.promise();
      reserveNext(shop, products, count, next, ids, done);
      clients.add(done.future());
    }
    TcpProxy.await(Future.all(clients));
    return List.copyOf(ids);
  }

  private static void reserveNext(EventShop shop, List<String> products, int count, AtomicInteger next, List<String> ids, Promise<Void> done) {
    int i = next.getAndIncrement();
    if (i >= count) {
      done.complete();
      return;
    }
    String id = UUID.randomUUID().toString();
    JsonObject body = new JsonObject().put("reservationId", id)
        .put("items", List.of(new JsonObject().put("productId", products.get(i % products.size())).put("quantity", 1)));
    shop.client.post(shop.port("inventory"), "127.0.0.1", "/api/reservations").sendJsonObject(body)
        .onComplete(answer -> {
          HttpResponse<Buffer> response = answer.succeeded() ? answer.result() : null;
          if (response == null || response.statusCode() != 201) {
            done.tryFail("reserve answered " + (response == null ? answer.cause() : response.statusCode() + " " + response.bodyAsString()));
            return;
          }
          ids.add(id + " " + products.get(i % products.size()));
          reserveNext(shop, products, count, next, ids, done);
        });
  }

  /** Publishes one order.completed event per reservation and answers how long it took. */
  private static long publish(EventShop shop, List<String> reservations) throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Object> config = Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, shop.kafka.bootstrapServers(),
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
        ProducerConfig.LINGER_MS_CONFIG, "5");
    long start = System.nanoTime();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
      Instant now = Instant.now();
      for (int i = 0; i < reservations.size(); i++) {
        String[] reservation = reservations.get(i).split(" ");
        String orderId = reservation[0];
        JsonObject data = new JsonObject()
            .put("orderId", orderId)
            .put("customerId", "bench-" + i)
            .put("email", "bench-" + i + "@example.com")
            .put("items", List.of(new JsonObject().put("productId", reservation[1]).put("quantity", 1).put("unitPriceCents", 1250)))
            .put("totalCents", 1250)
            .put("completedAt", now.toString());
        ProducerRecord<String, String> record = new ProducerRecord<>("orders", orderId, data.encode());
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", "order.completed");
        header(record, "ce_source", "/orders");
        header(record, "ce_time", now.toString());
        header(record, "ce_subject", orderId);
        header(record, "content-type", "application/json");
        sent.add(producer.send(record));
      }
      for (java.util.concurrent.Future<RecordMetadata> future : sent) {
        future.get(60, TimeUnit.SECONDS);
      }
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static void awaitThroughputEffects(EventShop shop, Instant from, int events) {
    ShopAudit audit = shop.audit();
    Timestamp since = Timestamp.from(from);
    await().atMost(SETTLE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200)).until(() ->
        audit.count("SELECT count(*) FROM inventory.processed_events WHERE processed_at >= ?", since) >= events
            && audit.count("SELECT count(*) FROM notifications.sent_emails WHERE sent_at >= ?", since) >= events
            && audit.count("SELECT count(*) FROM analytics.processed_events WHERE processed_at >= ?", since) >= events);
  }

  private static List<Throughput> throughput(EventShop shop, Instant from) throws SQLException {
    return List.of(
        throughput(shop, "inventory", "SELECT count(*), min(processed_at), max(processed_at) FROM inventory.processed_events WHERE processed_at >= ?", from),
        throughput(shop, "notifications", "SELECT count(*), min(sent_at), max(sent_at) FROM notifications.sent_emails WHERE sent_at >= ?", from),
        throughput(shop, "analytics", "SELECT count(*), min(processed_at), max(processed_at) FROM analytics.processed_events WHERE processed_at >= ?", from));
  }

  private static Throughput throughput(EventShop shop, String name, String sql, Instant from) throws SQLException {
    try (Connection connection = shop.audit().connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setTimestamp(1, Timestamp.from(from));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        Instant first = rows.getTimestamp(2).toInstant();
        Instant last = rows.getTimestamp(3).toInstant();
        return new Throughput(name, rows.getLong(1), Duration.between(first, last).toMillis() / 1000.0,
            Duration.between(from, last).toMillis() / 1000.0);
      }
    }
  }

  // ---- the table ----

  private static void printLatencies(int rate, int seconds, OrderLoad.Result load, List<Latencies> latencies) {
    System.out.println();
    System.out.printf("Order events (one shop JVM with every service, Kafka broker and SMTP server in the benchmark JVM, PostgreSQL; "
        + "%d cores, load average %.1f)%n", Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    double achieved = load.answers().size() / (load.durationMs() / 1000.0);
    System.out.printf("Offered %d orders/s for %d s: answers %s in %.1f s (%.0f orders/s%s); POST /api/orders p50 %d ms, p99 %d ms%n",
        rate, seconds, load.byHttpStatus(), load.durationMs() / 1000.0, achieved,
        achieved < rate * 0.95 ? ", the shop did NOT keep up: latencies include queueing" : "", load.latencyMs(0.5), load.latencyMs(0.99));
    System.out.printf("%-20s %8s %10s %10s %10s%n", "confirmation to", "events", "p50", "p99", "max");
    for (Latencies row : latencies) {
      System.out.printf("%-20s %8d %8.1fms %8.1fms %8.1fms%n", row.name(), row.millis().size(),
          quantile(row.millis(), 0.5), quantile(row.millis(), 0.99), quantile(row.millis(), 1.0));
    }
    Map<String, Double> goal = new LinkedHashMap<>();
    latencies.stream().filter(row -> !row.name().startsWith("relay")).forEach(row -> goal.put(row.name(), quantile(row.millis(), 0.99)));
    System.out.printf("Goal p99 <= 50 ms from confirmation to effect: %s%n",
        goal.values().stream().allMatch(p99 -> p99 <= 50) ? "met " + goal : "NOT met " + goal);
  }

  private static void printThroughput(int events, long publishMillis, List<Throughput> throughput) {
    System.out.println();
    System.out.printf("Consumers' throughput: %d order.completed events for %d reservations, published at once in %d ms%n",
        events, events, publishMillis);
    System.out.printf("%-20s %8s %14s %12s %18s%n", "consumer", "effects", "first-last", "effects/s", "publish-last");
    for (Throughput row : throughput) {
      System.out.printf("%-20s %8d %12.2f s %12.0f %16.2f s%n", row.name(), row.effects(), row.firstToLastSeconds(),
          row.effects() / Math.max(0.001, row.firstToLastSeconds()), row.publishToLastSeconds());
    }
  }

  private static double quantile(List<Double> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, Math.max(0, (int) Math.ceil(q * sorted.size()) - 1)));
  }

  private EventLatencyBenchmark() {}
}
