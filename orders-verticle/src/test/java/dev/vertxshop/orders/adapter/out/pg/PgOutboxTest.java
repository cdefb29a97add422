package dev.vertxshop.orders.adapter.out.pg;

import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.await;
import static dev.vertxshop.orders.adapter.out.pg.PgTestSupport.now;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.orders.adapter.in.pg.OutboxNotifications;
import dev.vertxshop.orders.application.OutboxCounts;
import dev.vertxshop.orders.application.OutboxEvent;
import dev.vertxshop.orders.application.RelayedBatch;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepOutcome;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The outbox rows that saga writes leave, and how a relay claims, marks and prunes them; each test has its own database. */
class PgOutboxTest {

  private PgTestSupport pg;
  private SettledOrders settled;
  private PgOutbox outbox;

  @BeforeEach
  void database() {
    pg = new PgTestSupport(Map.of("PG_POOL_SIZE", "4"));
    settled = new SettledOrders(pg.pool);
    outbox = new PgOutbox(pg.pool);
  }

  @AfterEach
  void dropDatabase() {
    pg.close();
  }

  private Row outboxRow(UUID orderId) {
    var rows = await(pg.pool.preparedQuery("SELECT * FROM orders.outbox WHERE order_id = $1").execute(Tuple.of(orderId)));
    assertThat(rows.size()).as("outbox rows of order " + orderId).isEqualTo(1);
    return rows.iterator().next();
  }

  /** A pending event settled at {@code at}, written straight into the table. */
  private UUID insertEvent(Instant at, Instant publishedAt) {
    UUID id = UUID.randomUUID();
    await(pg.pool.preparedQuery("""
        INSERT INTO orders.outbox (id, order_id, type, payload, created_at, published_at)
        VALUES ($1, $2, 'order.completed', '{}'::jsonb, $3, $4)
        """).execute(Tuple.of(id, UUID.randomUUID(), Timestamps.toDb(at), Timestamps.toDb(publishedAt))));
    return id;
  }

  private List<UUID> pendingIds() {
    List<UUID> ids = new ArrayList<>();
    await(pg.pool.query("SELECT id FROM orders.outbox WHERE published_at IS NULL ORDER BY created_at, id").execute())
        .forEach(row -> ids.add(row.getUUID("id")));
    return ids;
  }

  /** Publishes everything it gets, as a relay with a working broker does. */
  private static Future<RelayedBatch> publishAll(List<OutboxEvent> events) {
    return Future.succeededFuture(new RelayedBatch(events.size(), events.stream().map(OutboxEvent::id).toList(), now(), null));
  }

  @Test
  void theWriteThatConfirmsAnOrderStoresOneCompletedEventWithTheOrdersData() {
    Order order = settled.confirmed();

    Row row = outboxRow(order.id());

    assertThat(row.getString("type")).isEqualTo("order.completed");
    assertThat(Timestamps.fromDb(row, "created_at")).as("the settle time").isEqualTo(order.updatedAt());
    assertThat(row.getOffsetDateTime("published_at")).isNull();
    assertThat(row.getString("traceparent")).isNull();
    JsonObject data = (JsonObject) row.getValue("payload");
    assertThat(data).isEqualTo(new JsonObject()
        .put("orderId", order.id().toString())
        .put("customerId", order.customerId())
        .put("email", "ann@example.com")
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", "apple").put("quantity", 2).put("unitPriceCents", 100))
            .add(new JsonObject().put("productId", "pear").put("quantity", 1).put("unitPriceCents", 250)))
        .put("totalCents", 450)
        .put("completedAt", order.updatedAt().toString()));
  }

  @Test
  void theWriteThatRejectsAnOrderStoresOneCancelledEventWithTheReasonsCodeAndText() {
    Order order = settled.rejected(RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "pear"));

    Row row = outboxRow(order.id());

    assertThat(row.getString("type")).isEqualTo("order.cancelled");
    JsonObject data = (JsonObject) row.getValue("payload");
    assertThat(data.getString("cancelledAt")).isEqualTo(order.updatedAt().toString());
    assertThat(data.containsKey("completedAt")).isFalse();
    assertThat(data.getJsonObject("reason"))
        .isEqualTo(new JsonObject().put("code", "INSUFFICIENT_STOCK").put("text", "insufficient-stock: pear"));
  }

  @Test
  void writesThatDoNotEndTheSagaStoreNoEvent() {
    Instant at = now();
    Order order = settled.pending(at);
    PgSagaRepository sagas = new PgSagaRepository(pg.pool);
    Saga started = Saga.begin(order.id(), at).attemptStarted(at);
    Saga saved = await(sagas.record(started, new StepLogEntry(order.id(), started.step(), started.action(), StepStatus.STARTED, null, at),
        Optional.empty()));
    await(sagas.record(saved.afterExecution(new StepOutcome.Succeeded("reserved"), at),
        new StepLogEntry(order.id(), started.step(), started.action(), StepStatus.SUCCEEDED, null, at), Optional.empty()));

    assertThat(pg.count("orders.outbox", order.id())).isZero();
  }

  @Test
  void aWriteThatEndsTheSagaWithoutItsEventIsRefusedAndChangesNothing() {
    Instant at = now();
    Order order = settled.pending(at);
    PgSagaRepository sagas = new PgSagaRepository(pg.pool);
    Saga attempt = Saga.begin(order.id(), at).attemptStarted(at);
    Saga started = await(sagas.record(attempt,
        new StepLogEntry(order.id(), attempt.step(), attempt.action(), StepStatus.STARTED, null, at), Optional.empty()));
    Saga rejected = started.afterExecution(new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED), "x"), at);
    StepLogEntry failed = new StepLogEntry(order.id(), started.step(), started.action(), StepStatus.FAILED, null, at);

    assertThatThrownBy(() -> await(sagas.record(rejected, failed, Optional.of(rejected.settle(order, at)))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(await(sagas.sagaOf(order.id()))).contains(started);
    assertThat(pg.count("orders.outbox", order.id())).isZero();
  }

  @Test
  void aPassClaimsPendingEventsOldestFirstUpToTheLimitAndMarksThosePublished() {
    Instant at = now();
    UUID second = insertEvent(at.minusSeconds(2), null);
    UUID first = insertEvent(at.minusSeconds(3), null);
    UUID third = insertEvent(at.minusSeconds(1), null);
    insertEvent(at.minusSeconds(4), at.minusSeconds(1));
    AtomicReference<List<UUID>> handed = new AtomicReference<>();

    RelayedBatch batch = await(outbox.relayPending(2, events -> {
      handed.set(events.stream().map(OutboxEvent::id).toList());
      return publishAll(events);
    }));

    assertThat(handed.get()).containsExactly(first, second);
    assertThat(batch.claimed()).isEqualTo(2);
    assertThat(pendingIds()).containsExactly(third);
  }

  @Test
  void eventsThePublisherDoesNotNameStayPendingAndAllStayPendingWhenThePassFails() {
    Instant at = now();
    UUID first = insertEvent(at.minusSeconds(2), null);
    UUID second = insertEvent(at.minusSeconds(1), null);

    await(outbox.relayPending(10, events ->
        Future.succeededFuture(new RelayedBatch(2, List.of(second), now(), new IllegalStateException("broker refused the first")))));
    assertThat(pendingIds()).containsExactly(first);

    assertThatThrownBy(() -> await(outbox.relayPending(10, events -> Future.failedFuture(new IllegalStateException("gone")))))
        .hasMessageContaining("gone");
    assertThat(pendingIds()).containsExactly(first);
  }

  @Test
  void twoPassesAtTheSameTimeNeverClaimTheSameEvent() {
    Instant at = now();
    for (int i = 0; i < 6; i++) {
      insertEvent(at.minusSeconds(10 - i), null);
    }
    Promise<RelayedBatch> firstPublished = Promise.promise();
    AtomicReference<List<OutboxEvent>> firstClaim = new AtomicReference<>();
    Future<RelayedBatch> first = outbox.relayPending(4, events -> {
      firstClaim.set(events);
      return firstPublished.future();
    });
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> firstClaim.get() != null);

    AtomicReference<List<OutboxEvent>> secondClaim = new AtomicReference<>();
    await(outbox.relayPending(4, events -> {
      secondClaim.set(events);
      return publishAll(events);
    }));
    firstPublished.complete(new RelayedBatch(4, firstClaim.get().stream().map(OutboxEvent::id).toList(), now(), null));
    await(first);

    assertThat(firstClaim.get()).hasSize(4);
    assertThat(secondClaim.get()).as("the rows the first pass holds are skipped").hasSize(2)
        .extracting(OutboxEvent::id).doesNotContainAnyElementsOf(firstClaim.get().stream().map(OutboxEvent::id).toList());
    assertThat(pendingIds()).isEmpty();
  }

  @Test
  void pruningDeletesOnlyEventsPublishedBeforeTheCutOffAndAtMostTheLimit() {
    Instant cutOff = now();
    UUID old1 = insertEvent(cutOff.minusSeconds(100), cutOff.minusSeconds(50));
    UUID old2 = insertEvent(cutOff.minusSeconds(100), cutOff.minusSeconds(40));
    UUID old3 = insertEvent(cutOff.minusSeconds(100), cutOff.minusSeconds(30));
    UUID recent = insertEvent(cutOff.minusSeconds(100), cutOff.plusSeconds(1));
    UUID pending = insertEvent(cutOff.minusSeconds(100), null);

    assertThat(await(outbox.prune(cutOff, 2))).isEqualTo(2);
    assertThat(ids()).as("the oldest published first").containsExactlyInAnyOrder(old3, recent, pending).doesNotContain(old1, old2);
    assertThat(await(outbox.prune(cutOff, 2))).isEqualTo(1);
    assertThat(ids()).containsExactlyInAnyOrder(recent, pending);
  }

  private List<UUID> ids() {
    List<UUID> ids = new ArrayList<>();
    await(pg.pool.query("SELECT id FROM orders.outbox").execute()).forEach(row -> ids.add(row.getUUID("id")));
    return ids;
  }

  @Test
  void countsTellPendingAndPublishedEventsAndTheOldestPendingOne() {
    Instant at = now();
    assertThat(await(outbox.counts())).isEqualTo(new OutboxCounts(0, null, 0));
    insertEvent(at.minusSeconds(20), null);
    insertEvent(at.minusSeconds(10), null);
    insertEvent(at.minusSeconds(30), at);

    assertThat(await(outbox.counts())).isEqualTo(new OutboxCounts(2, at.minusSeconds(20), 1));
  }

  @Test
  void aCommittedEventNotifiesTheListenersOfTheOutboxChannel() {
    AtomicInteger wakes = new AtomicInteger();
    OutboxNotifications listening = await(OutboxNotifications.listen(pg.vertx, pg.settings.connectOptions(), wakes::incrementAndGet));
    try {
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 1);
      int afterSubscribing = wakes.get();

      settled.confirmed();

      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> wakes.get() > afterSubscribing);
    } finally {
      await(listening.close());
    }
  }

  @Test
  void aListenerWhoseConnectionIsLostListensAgainAndWakesTheRelayToCatchUp() {
    AtomicInteger wakes = new AtomicInteger();
    OutboxNotifications listening = await(OutboxNotifications.listen(pg.vertx, pg.settings.connectOptions(), wakes::incrementAndGet));
    try {
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> wakes.get() >= 1);
      int beforeLoss = wakes.get();

      long terminated = await(pg.pool.query("""
          SELECT count(pg_terminate_backend(pid)) AS n FROM pg_stat_activity
          WHERE datname = current_database() AND query LIKE 'LISTEN%'
          """).execute()).iterator().next().getLong("n");
      assertThat(terminated).as("the listening connection").isEqualTo(1);

      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> wakes.get() > beforeLoss);
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> listeningConnections() == 1);
      int afterReconnecting = wakes.get();
      settled.confirmed();
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).until(() -> wakes.get() > afterReconnecting);
    } finally {
      await(listening.close());
    }
  }

  private long listeningConnections() {
    return await(pg.pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")
        .execute()).iterator().next().getLong("n");
  }
}
