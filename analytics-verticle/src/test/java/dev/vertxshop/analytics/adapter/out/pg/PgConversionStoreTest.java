package dev.vertxshop.analytics.adapter.out.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.analytics.application.ConversionStore.Recorded;
import dev.vertxshop.analytics.domain.CancellationCount;
import dev.vertxshop.analytics.domain.Conversion;
import dev.vertxshop.analytics.domain.DailyConversion;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderCompleted;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The counts in a real PostgreSQL: each event counted once, in the same transaction as its claim. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PgConversionStoreTest {

  // Each test counts on days of its own, so the tests share one database and still see only their rows.
  private static final AtomicLong NEXT_DAY = new AtomicLong();
  private static final long TIMEOUT_MS = 20_000;

  private static TestDatabase database;
  private static Pool pool;
  private static PgConversionStore store;

  @BeforeAll
  static void migrate(Vertx vertx) throws Exception {
    database = TestPostgres.createDatabase();
    PgSettings pg = new PgSettings(database.host(), database.port(), database.name(), database.user(), database.password(), 12);
    Database.migrate(vertx, pg, "analytics").await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    pool = Database.pool(vertx, pg);
    store = new PgConversionStore(pool);
  }

  @AfterAll
  static void close() throws Exception {
    pool.close().await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    database.close();
  }

  @Test
  void countsACompletedOrderOnItsDay() {
    LocalDate day = newDay();
    OrderCompleted completed = completed(day, 4980);

    boolean counted = await(store.record(event(completed), completed));

    assertThat(counted).isTrue();
    assertThat(read(day).days()).containsExactly(new DailyConversion(day, new Conversion(1, 0, 4980)));
  }

  @Test
  void countsACancelledOrderAndItsReason() {
    LocalDate day = newDay();
    OrderCancelled cancelled = cancelled(day, "PAYMENT_DECLINED");

    await(store.record(event(cancelled), cancelled));

    Recorded recorded = read(day);
    assertThat(recorded.days()).containsExactly(new DailyConversion(day, new Conversion(0, 1, 0)));
    assertThat(recorded.cancellations()).containsExactly(new CancellationCount("PAYMENT_DECLINED", 1));
  }

  @Test
  void countsTheSameEventOnceWhenItIsRecordedTenTimes() {
    LocalDate day = newDay();
    OrderCancelled cancelled = cancelled(day, "INSUFFICIENT_STOCK");
    CloudEvent event = event(cancelled);

    List<Boolean> answers = IntStream.range(0, 10).mapToObj(i -> await(store.record(event, cancelled))).toList();

    assertThat(answers).containsExactly(true, false, false, false, false, false, false, false, false, false);
    Recorded recorded = read(day);
    assertThat(recorded.days()).containsExactly(new DailyConversion(day, new Conversion(0, 1, 0)));
    assertThat(recorded.cancellations()).containsExactly(new CancellationCount("INSUFFICIENT_STOCK", 1));
  }

  @Test
  void countsTheSameEventOnceWhenItIsRecordedTenTimesAtOnce() {
    LocalDate day = newDay();
    OrderCompleted completed = completed(day, 1250);
    CloudEvent event = event(completed);

    List<Future<Boolean>> attempts = IntStream.range(0, 10).mapToObj(i -> store.record(event, completed)).toList();
    await(Future.all(attempts));

    assertThat(attempts.stream().filter(Future::result).count()).isEqualTo(1);
    assertThat(read(day).days()).containsExactly(new DailyConversion(day, new Conversion(1, 0, 1250)));
  }

  @Test
  void addsUpDifferentEventsOfOneDayRecordedAtOnce() {
    LocalDate day = newDay();
    List<OrderSettlement> settlements = IntStream.range(0, 40)
        .mapToObj(i -> i % 4 == 0 ? (OrderSettlement) cancelled(day, i % 8 == 0 ? "PAYMENT_DECLINED" : "INSUFFICIENT_STOCK")
            : completed(day, 100 + i))
        .toList();
    long revenue = settlements.stream().filter(OrderCompleted.class::isInstance).mapToLong(s -> ((OrderCompleted) s).totalCents()).sum();

    await(Future.all(settlements.stream().map(s -> store.record(event(s), s)).toList()));

    Recorded recorded = read(day);
    assertThat(recorded.days()).containsExactly(new DailyConversion(day, new Conversion(30, 10, revenue)));
    assertThat(recorded.cancellations()).containsExactlyInAnyOrder(
        new CancellationCount("PAYMENT_DECLINED", 5), new CancellationCount("INSUFFICIENT_STOCK", 5));
  }

  @Test
  void readsOnlyTheDaysOfTheRangeAndAddsUpTheirReasons() {
    LocalDate first = newDay();
    LocalDate second = newDay();
    LocalDate third = newDay();
    for (OrderSettlement settlement : List.of(
        completed(first, 100), cancelled(first, "PAYMENT_DECLINED"),
        cancelled(second, "PAYMENT_DECLINED"), cancelled(second, "INSUFFICIENT_STOCK"),
        completed(third, 300), cancelled(third, "PAYMENT_DECLINED"))) {
      await(store.record(event(settlement), settlement));
    }

    Recorded recorded = await(store.read(new DateRange(first, second)));

    assertThat(recorded.days()).containsExactly(
        new DailyConversion(first, new Conversion(1, 1, 100)),
        new DailyConversion(second, new Conversion(0, 2, 0)));
    assertThat(recorded.cancellations()).containsExactlyInAnyOrder(
        new CancellationCount("PAYMENT_DECLINED", 2), new CancellationCount("INSUFFICIENT_STOCK", 1));
  }

  @Test
  void leavesNoTraceOfAnEventWhoseCountsCouldNotBeWritten() {
    LocalDate day = newDay();
    // A revenue this close to the bigint limit makes the next addition fail inside the transaction.
    OrderCompleted completed = completed(day, 1000);
    CloudEvent event = event(completed);
    await(pool.preparedQuery("INSERT INTO analytics.daily_conversions (day, shard, orders_completed, revenue_cents) VALUES ($1, $2, 1, $3)")
        .execute(Tuple.of(day, PgConversionStore.shardOf(event), Long.MAX_VALUE - 10)));

    Future<Boolean> recorded = store.record(event, completed);

    assertThat(awaitFailure(recorded)).hasMessageContaining("out of range");
    long claims = await(pool.preparedQuery("SELECT count(*) FROM analytics.processed_events WHERE event_id = $1")
        .execute(Tuple.of(event.id()))).iterator().next().getLong(0);
    assertThat(claims).as("the claim is rolled back with the counts, so a retry counts the event").isZero();
    assertThat(read(day).days()).containsExactly(new DailyConversion(day, new Conversion(1, 0, Long.MAX_VALUE - 10)));
  }

  @Test
  void readsNothingForDaysWithoutOrders() {
    LocalDate day = newDay();

    Recorded recorded = read(day);

    assertThat(recorded.days()).isEmpty();
    assertThat(recorded.cancellations()).isEmpty();
  }

  private static LocalDate newDay() {
    return LocalDate.parse("2001-01-01").plusDays(NEXT_DAY.getAndIncrement());
  }

  private static Recorded read(LocalDate day) {
    return await(store.read(new DateRange(day, day)));
  }

  private static OrderCompleted completed(LocalDate day, long totalCents) {
    return new OrderCompleted(UUID.randomUUID().toString(), totalCents, noonOf(day));
  }

  private static OrderCancelled cancelled(LocalDate day, String reasonCode) {
    return new OrderCancelled(UUID.randomUUID().toString(), reasonCode, noonOf(day));
  }

  private static Instant noonOf(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  private static CloudEvent event(OrderSettlement settlement) {
    String type = settlement instanceof OrderCompleted ? "order.completed" : "order.cancelled";
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", settlement.settledAt(), settlement.orderId(),
        new JsonObject().put("orderId", settlement.orderId()), null);
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Throwable awaitFailure(Future<?> future) {
    try {
      future.await(TIMEOUT_MS, TimeUnit.MILLISECONDS);
    } catch (Exception expected) {
      // the failure itself is read from the future below
    }
    assertThat(future.failed()).as("the future failed").isTrue();
    return future.cause();
  }
}
