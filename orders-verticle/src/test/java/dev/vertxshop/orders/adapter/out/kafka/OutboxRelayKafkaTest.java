package dev.vertxshop.orders.adapter.out.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.orders.adapter.in.pg.OutboxNotifications;
import dev.vertxshop.orders.adapter.out.pg.PgOutbox;
import dev.vertxshop.orders.adapter.out.pg.SettledOrders;
import dev.vertxshop.orders.adapter.out.timer.VertxTimers;
import dev.vertxshop.orders.application.OutboxRelay;
import dev.vertxshop.orders.application.RelayedBatch;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.events.KafkaSettings;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay against the real things: the outbox in PostgreSQL, its notifications, and a Kafka broker
 * read back by a plain Kafka consumer. Each test has its own database; the topic is shared, so each
 * test looks at the records of its own orders.
 */
class OutboxRelayKafkaTest {

  private static final Duration LONG_POLL = Duration.ofMinutes(10);

  private final Vertx vertx = Vertx.vertx();
  private final List<Function<Void, Future<?>>> closers = new ArrayList<>();
  private TestDatabase database;
  private PgSettings pg;
  private Pool pool;
  private SettledOrders settled;

  @BeforeEach
  void database() {
    database = TestPostgres.createDatabase();
    pg = PgSettings.configured(ConfigLoader.load(database.env())).orElseThrow();
    result(Database.migrate(vertx, pg, "orders"));
    pool = Database.pool(vertx, pg);
    settled = new SettledOrders(pool);
  }

  @AfterEach
  void close() {
    for (Function<Void, Future<?>> closer : closers) {
      result(closer.apply(null));
    }
    result(pool.close());
    result(vertx.close());
    database.close();
  }

  private static KafkaSettings kafka() {
    return new KafkaSettings(TestKafka.bootstrapServers(), 3, (short) 1);
  }

  /** A relay on this test's database publishing to {@code kafka}, that polls every {@code poll}. */
  private OutboxRelay relay(KafkaSettings kafka, Duration poll, int batchSize) {
    KafkaEventPublisher publisher = KafkaEventPublisher.create(vertx, kafka, "outbox-test-" + UUID.randomUUID());
    OutboxRelay relay = new OutboxRelay(new PgOutbox(pool), publisher, new VertxTimers(vertx), Clock.systemUTC(),
        new OutboxRelay.Schedule(poll, batchSize, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofHours(1)));
    closers.add(ignored -> relay.stop().eventually(publisher::close));
    return relay;
  }

  /** {@code relay} started, woken by the outbox's notifications. */
  private OutboxRelay listening(OutboxRelay relay) {
    OutboxNotifications notifications = result(OutboxNotifications.listen(vertx, pg.connectOptions(), relay::wake));
    closers.add(0, ignored -> notifications.close());
    relay.start();
    return relay;
  }

  private Row outboxRow(UUID orderId) {
    return result(pool.preparedQuery("SELECT id, published_at FROM orders.outbox WHERE order_id = $1").execute(Tuple.of(orderId)))
        .iterator().next();
  }

  private long pendingEvents() {
    return result(pool.query("SELECT count(*) AS n FROM orders.outbox WHERE published_at IS NULL").execute()).iterator().next().getLong("n");
  }

  private void awaitPublished(UUID orderId) {
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30))
        .until(() -> outboxRow(orderId).getOffsetDateTime("published_at") != null);
  }

  private static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static <T> T result(Future<T> future) {
    try {
      return future.await(60, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 60 s", e);
    }
  }

  @Test
  void aConfirmedOrdersEventIsPublishedOnceAsACloudEventKeyedByTheOrder() {
    listening(relay(kafka(), LONG_POLL, 100));

    Order order = settled.confirmed();
    awaitPublished(order.id());

    List<OrdersTopic.Event> events = OrdersTopic.eventsOf(Set.of(order.id().toString()));
    assertThat(events).as("one record, published on the notification (the poll is 10 min away)").hasSize(1);
    OrdersTopic.Event event = events.get(0);
    assertThat(event.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "ce_specversion", "1.0",
        "ce_id", outboxRow(order.id()).getUUID("id").toString(),
        "ce_type", "order.completed",
        "ce_source", "/orders",
        "ce_time", order.updatedAt().toString(),
        "ce_subject", order.id().toString(),
        "content-type", "application/json"));
    JsonObject data = new JsonObject(event.value());
    assertThat(data.getString("orderId")).isEqualTo(order.id().toString());
    assertThat(data.getString("completedAt")).isEqualTo(order.updatedAt().toString());
    assertThat(data.getLong("totalCents")).isEqualTo(450L);
  }

  @Test
  void aRejectedOrdersEventIsAnOrderCancelledWithItsReason() {
    listening(relay(kafka(), LONG_POLL, 100));

    Order order = settled.rejected(RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "insufficient_funds"));
    awaitPublished(order.id());

    List<OrdersTopic.Event> events = OrdersTopic.eventsOf(Set.of(order.id().toString()));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).headers()).containsEntry("ce_type", "order.cancelled");
    assertThat(new JsonObject(events.get(0).value()).getJsonObject("reason"))
        .isEqualTo(new JsonObject().put("code", "PAYMENT_DECLINED").put("text", "payment-declined: insufficient_funds"));
  }

  @Test
  void aKnownTraceContextTravelsAsTheTraceparentHeader() {
    OutboxRelay relay = relay(kafka(), LONG_POLL, 100);
    Order order = settled.confirmed();
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    result(pool.preparedQuery("UPDATE orders.outbox SET traceparent = $2 WHERE order_id = $1").execute(Tuple.of(order.id(), traceparent)));

    result(relay.relayOnce());

    assertThat(OrdersTopic.eventsOf(Set.of(order.id().toString())))
        .singleElement().satisfies(event -> assertThat(event.headers()).containsEntry("traceparent", traceparent));
  }

  @Test
  void whileKafkaCannotBeReachedEventsStayPendingAndARelayThatReachesItPublishesThemOnce() {
    List<Order> orders = List.of(settled.confirmed(), settled.rejected(RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "pear")));
    OutboxRelay cutOff = relay(kafka().withBootstrapServers("127.0.0.1:" + closedPort()), LONG_POLL, 100);

    RelayedBatch failed = result(cutOff.relayOnce());

    assertThat(failed.failed()).isTrue();
    assertThat(failed.published()).isEmpty();
    assertThat(pendingEvents()).isEqualTo(2);

    listening(relay(kafka(), LONG_POLL, 100));
    orders.forEach(order -> awaitPublished(order.id()));

    Set<String> keys = orders.stream().map(order -> order.id().toString()).collect(Collectors.toSet());
    assertThat(OrdersTopic.eventsOf(keys)).extracting(OrdersTopic.Event::key).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(pendingEvents()).isZero();
  }

  @Test
  void twoRelaysOnOneDatabasePublishEveryEventExactlyOnce() {
    listening(relay(kafka(), Duration.ofMillis(200), 7));
    listening(relay(kafka(), Duration.ofMillis(200), 7));

    List<Order> orders = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      orders.add(i % 4 == 0 ? settled.rejected(RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE)) : settled.confirmed());
    }
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(60)).until(() -> pendingEvents() == 0);

    Set<String> keys = orders.stream().map(order -> order.id().toString()).collect(Collectors.toSet());
    List<OrdersTopic.Event> events = OrdersTopic.eventsOf(keys);
    assertThat(events).hasSize(orders.size());
    assertThat(events).extracting(OrdersTopic.Event::key).containsExactlyInAnyOrderElementsOf(keys);
  }
}
