package dev.vertxshop.analytics.api;

import static dev.vertxshop.analytics.OrderEventsFixture.completed;
import static dev.vertxshop.analytics.OrderEventsFixture.event;
import static dev.vertxshop.analytics.OrderEventsFixture.newDay;
import static dev.vertxshop.analytics.OrderEventsFixture.newOrderId;
import static dev.vertxshop.analytics.OrderEventsFixture.noonOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.analytics.TestAnalytics;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.testing.PrometheusScrape;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analytics consumer group's progress and dead letters at {@code GET /metrics}. */
class AnalyticsMetricsTest {

  private Vertx vertx;
  private TestDatabase database;
  private TestAnalytics analytics;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx(Metrics.configure(new VertxOptions(), ConfigLoader.load(Map.of())));
    database = TestPostgres.createDatabase();
    analytics = TestAnalytics.start(vertx, database, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    analytics.close();
    database.close();
    vertx.close().await(30, TimeUnit.SECONDS);
  }

  private PrometheusScrape scrape() {
    HttpResponse<Buffer> response = analytics.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(200);
    return PrometheusScrape.parse(response.bodyAsString());
  }

  @Test
  void showsConsumedEventsLagAndDeadLettersOfItsGroup() {
    LocalDate day = newDay();
    String orderId = newOrderId();
    JsonObject unreadable = new JsonObject().put("orderId", orderId).put("totalCents", "a lot").put("completedAt", noonOf(day).toString());

    analytics.publish(event("order.completed", orderId, noonOf(day), unreadable));
    analytics.publish(completed(orderId, 300, noonOf(day)));

    Map<String, String> group = Map.of("service", "analytics", "group", analytics.group());
    await().pollDelay(Duration.ZERO).atMost(TestAnalytics.WAIT).untilAsserted(() -> {
      PrometheusScrape scrape = scrape();
      assertThat(scrape.value("events_consumed_total", Map.of("group", analytics.group(), "outcome", "handled"))).contains(1.0);
      assertThat(scrape.value("events_consumed_total", Map.of("group", analytics.group(), "outcome", "dead_lettered"))).contains(1.0);
      assertThat(scrape.value("events_dead_letter_records", group)).contains(1.0);
      assertThat(scrape.value("events_dead_letters_awaiting_replay_records", group)).contains(1.0);
      assertThat(scrape.value("events_consumer_lag_records", Map.of("group", analytics.group(), "topic", "orders"))).contains(0.0);
      assertThat(scrape.value("events_consumer_retry_lag_records", group)).contains(0.0);
    });
    assertThat(scrape().value("vertx_pool_in_use", Map.of("pool_type", "sql", "pool_name", "analytics"))).isPresent();
  }
}
