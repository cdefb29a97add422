package dev.vertxshop.notifications.adapter.out.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.notifications.OrderEvents;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgSentEmailStoreTest {

  private static Vertx vertx;
  private static TestDatabase database;
  private static Pool pool;
  private static PgSentEmailStore store;

  @BeforeAll
  static void migrate() throws Exception {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    PgSettings pg = new PgSettings(database.host(), database.port(), database.name(), database.user(), database.password(), 4);
    await(Database.migrate(vertx, pg, "notifications"));
    pool = Database.pool(vertx, pg);
    store = new PgSentEmailStore(pool);
  }

  @AfterAll
  static void cleanUp() throws Exception {
    await(pool.close());
    await(vertx.close());
    database.close();
  }

  @Test
  void recordsAnEventsEmailOnceAndAnswersFalseForTheSameEventAgain() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");
    SentEmail sent = sent(event.id(), orderId, EmailKind.CONFIRMATION, Instant.parse("2025-03-04T10:16:00Z"));

    assertThat(await(store.wasSent(event.id()))).isFalse();
    assertThat(await(store.recordSent(event, sent))).isTrue();
    assertThat(await(store.recordSent(event, sent))).isFalse();
    assertThat(await(store.wasSent(event.id()))).isTrue();
    assertThat(await(store.forOrder(orderId))).containsExactly(sent);
    assertThat(count("SELECT count(*) FROM notifications.processed_events WHERE event_id = '" + event.id() + "'")).isEqualTo(1);
  }

  @Test
  void recordsOnlyOneOfManyConcurrentRecordsOfOneEvent() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent event = OrderEvents.completed(orderId, "alice@example.com");
    SentEmail sent = sent(event.id(), orderId, EmailKind.CONFIRMATION, Instant.parse("2025-03-04T10:16:00Z"));

    List<Future<Boolean>> records = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      records.add(store.recordSent(event, sent));
    }
    await(Future.all(records));

    assertThat(records).filteredOn(Future::result).hasSize(1);
    assertThat(await(store.forOrder(orderId))).hasSize(1);
  }

  @Test
  void listsAnOrdersEmailsOldestFirstAndNoOtherOrders() throws Exception {
    UUID orderId = UUID.randomUUID();
    CloudEvent cancelled = OrderEvents.cancelled(orderId, "bob@example.com", "PAYMENT_DECLINED", "payment-declined: card_declined");
    CloudEvent completed = OrderEvents.completed(orderId, "bob@example.com");
    CloudEvent other = OrderEvents.completed(UUID.randomUUID(), "carol@example.com");
    SentEmail later = sent(cancelled.id(), orderId, EmailKind.CANCELLATION, Instant.parse("2025-03-04T11:00:00Z"));
    SentEmail earlier = sent(completed.id(), orderId, EmailKind.CONFIRMATION, Instant.parse("2025-03-04T10:00:00Z"));
    await(store.recordSent(cancelled, later));
    await(store.recordSent(completed, earlier));
    await(store.recordSent(other, sent(other.id(), UUID.fromString(other.subject()), EmailKind.CONFIRMATION, Instant.now())));

    assertThat(await(store.forOrder(orderId))).containsExactly(earlier, later);
    assertThat(await(store.forOrder(UUID.randomUUID()))).isEmpty();
  }

  private static SentEmail sent(String eventId, UUID orderId, EmailKind kind, Instant at) {
    return new SentEmail(eventId, orderId, kind, "alice@example.com", "Your order " + orderId, at);
  }

  private static long count(String sql) throws Exception {
    return await(pool.query(sql).execute()).iterator().next().getLong(0);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.await(20, TimeUnit.SECONDS);
  }
}
