package dev.vertxshop.analytics.api;

import static dev.vertxshop.analytics.OrderEventsFixture.cancelled;
import static dev.vertxshop.analytics.OrderEventsFixture.completed;
import static dev.vertxshop.analytics.OrderEventsFixture.event;
import static dev.vertxshop.analytics.OrderEventsFixture.newDay;
import static dev.vertxshop.analytics.OrderEventsFixture.newOrderId;
import static dev.vertxshop.analytics.OrderEventsFixture.noonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.analytics.TestAnalytics;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service as deployed: order events published on topic {@code orders} of a real broker are
 * counted once each, through the real Redis and PostgreSQL, and show in the HTTP API.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OrderEventsServiceTest {

  private static TestDatabase database;
  private static TestAnalytics analytics;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    analytics = TestAnalytics.start(vertx, database, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    analytics.close();
    database.close();
  }

  @Test
  void countsAPublishedCompletedOrderOnItsDay() {
    LocalDate day = newDay();

    analytics.publish(completed(newOrderId(), 4980, noonOf(day)));

    JsonObject totals = eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCompleted") == 1);
    assertThat(totals).isEqualTo(new JsonObject()
        .put("ordersCompleted", 1).put("ordersCancelled", 0).put("revenueCents", 4980).put("conversionRate", 1.0));
  }

  @Test
  void countsAPublishedCancelledOrderUnderItsReason() {
    LocalDate day = newDay();

    analytics.publish(cancelled(newOrderId(), "PAYMENT_DECLINED", noonOf(day)));

    JsonObject report = eventually(() -> analytics.conversions(day, day),
        r -> r.getJsonObject("totals").getLong("ordersCancelled") == 1);
    assertThat(report.getJsonArray("cancellationReasons"))
        .isEqualTo(new JsonArray().add(new JsonObject().put("code", "PAYMENT_DECLINED").put("count", 1)));
    assertThat(report.getJsonObject("totals").getDouble("conversionRate")).isZero();
  }

  @Test
  void countsTheSameEventOncePublishedTenTimes() {
    LocalDate day = newDay();
    String orderId = newOrderId();
    CloudEvent event = completed(orderId, 1250, noonOf(day));

    for (int i = 0; i < 10; i++) {
      analytics.publish(event);
    }
    // Same key, same partition: once this later event is counted, all ten copies have been handled.
    analytics.publish(cancelled(orderId, "ORDER_INTERRUPTED", noonOf(day)));

    eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCancelled") == 1);
    assertThat(analytics.totalsOf(day).getLong("ordersCompleted")).isEqualTo(1);
    assertThat(analytics.totalsOf(day).getLong("revenueCents")).isEqualTo(1250);
  }

  @Test
  void countsNothingTwiceWhenTheTopicIsReadAgainFromTheStartWithoutRedisMarks(Vertx vertx) {
    LocalDate day = newDay();
    String orderId = newOrderId();
    analytics.publish(completed(orderId, 700, noonOf(day)));
    eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCompleted") == 1);

    // A new consumer group on the same database: it reads the topic from the start, and Redis has
    // no mark of its own for any event, so only the processed-event rows stand between it and a
    // second count.
    try (TestAnalytics replica = TestAnalytics.start(vertx, database, Clock.systemUTC())) {
      analytics.publish(cancelled(orderId, "ORDER_INTERRUPTED", noonOf(day)));
      eventually(replica::consumerStatus, s -> s.getLong("lag") == 0 && s.getJsonObject("member").getLong("handled") > 0);
    }

    // The replica has handled every event, the later one included: whichever consumer came first counted it.
    JsonObject totals = analytics.totalsOf(day);
    assertThat(totals.getLong("ordersCompleted")).isEqualTo(1);
    assertThat(totals.getLong("ordersCancelled")).isEqualTo(1);
    assertThat(totals.getLong("revenueCents")).isEqualTo(700);
  }

  @Test
  void deadLettersAnEventItCannotReadAndGoesOnCounting() {
    LocalDate day = newDay();
    String orderId = newOrderId();
    long deadLettersBefore = analytics.consumerStatus().getJsonObject("deadLetters").getLong("total");
    JsonObject unreadable = new JsonObject().put("orderId", orderId).put("totalCents", "a lot").put("completedAt", noonOf(day).toString());

    analytics.publish(event("order.completed", orderId, noonOf(day), unreadable));
    analytics.publish(completed(orderId, 300, noonOf(day)));

    eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCompleted") == 1);
    eventually(analytics::consumerStatus, s -> s.getJsonObject("deadLetters").getLong("total") == deadLettersBefore + 1);
    assertThat(analytics.totalsOf(day).getLong("revenueCents")).isEqualTo(300);
  }

  @Test
  void retriesAnEventWhoseCountsCannotBeWrittenAndCountsItOnceTheyCan() {
    LocalDate day = newDay();
    // A revenue this close to the bigint limit makes adding the order's total fail in the database.
    analytics.sql("INSERT INTO analytics.daily_conversions (day, shard, revenue_cents) SELECT $1, shard, $2 FROM generate_series(0, 15) AS shard",
        Tuple.of(day, Long.MAX_VALUE - 10));
    long retriedBefore = analytics.consumerStatus().getJsonObject("member").getLong("retried");

    analytics.publish(completed(newOrderId(), 500, noonOf(day)));
    eventually(analytics::consumerStatus, s -> s.getJsonObject("member").getLong("retried") > retriedBefore);
    analytics.sql("UPDATE analytics.daily_conversions SET revenue_cents = 0 WHERE day = $1", Tuple.of(day));

    JsonObject totals = eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCompleted") == 1);
    assertThat(totals.getLong("revenueCents")).isEqualTo(500);
  }

  @Test
  void ignoresEventsOfOtherTypes() {
    LocalDate day = newDay();
    String orderId = newOrderId();

    analytics.publish(event("order.shipped", orderId, noonOf(day), new JsonObject().put("orderId", orderId).put("totalCents", 999)));
    analytics.publish(cancelled(orderId, "PAYMENT_DECLINED", noonOf(day)));

    JsonObject totals = eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCancelled") == 1);
    assertThat(totals.getLong("ordersCompleted")).isZero();
    assertThat(totals.getLong("revenueCents")).isZero();
  }

  @Test
  void isReadyWhenItsDatabaseRedisAndKafkaAnswer() {
    HttpResponse<Buffer> response = analytics.get("/health/ready");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    JsonArray checks = response.bodyAsJsonObject().getJsonArray("checks");
    assertThat(checks.stream().map(check -> ((JsonObject) check).getString("id")))
        .containsExactlyInAnyOrder("database", "redis", "kafka");
    assertThat(checks.stream().map(check -> ((JsonObject) check).getString("status"))).containsOnly("UP");
  }

  @Test
  void showsItsConsumerGroupCatchingUp() {
    LocalDate day = newDay();

    analytics.publish(completed(newOrderId(), 100, noonOf(day)));

    eventually(() -> analytics.totalsOf(day), t -> t.getLong("ordersCompleted") == 1);
    JsonObject status = eventually(analytics::consumerStatus, s -> s.getLong("lag") == 0);
    assertThat(status.getString("group")).isEqualTo(analytics.group());
    assertThat(status.getString("topic")).isEqualTo("orders");
  }

  /** Polls {@code probe} until its answer satisfies {@code done}, and answers that. */
  private static <T> T eventually(Callable<T> probe, Predicate<T> done) {
    return await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).atMost(TestAnalytics.WAIT).until(probe, done);
  }
}
