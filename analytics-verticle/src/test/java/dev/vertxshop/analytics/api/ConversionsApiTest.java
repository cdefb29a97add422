package dev.vertxshop.analytics.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.analytics.OrderEventsFixture;
import dev.vertxshop.analytics.TestAnalytics;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderCompleted;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/analytics/conversions}: what it reports, and every kind of bad request. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConversionsApiTest {

  // "Today" for the service; the counts of these tests lie far from the days other tests use.
  private static final Instant NOW = Instant.parse("2030-06-15T08:00:00Z");
  private static final String PATH = "/api/analytics/conversions";

  private static TestDatabase database;
  private static TestAnalytics analytics;

  @BeforeAll
  static void start(Vertx vertx) {
    database = TestPostgres.createDatabase();
    analytics = TestAnalytics.start(vertx, database, Clock.fixed(NOW, ZoneOffset.UTC));
    completed("2030-04-01T00:00:00Z", 1000);
    completed("2030-04-01T12:00:00Z", 2000);
    completed("2030-04-01T23:59:59Z", 3000);
    cancelled("2030-04-01T09:00:00Z", "PAYMENT_DECLINED");
    cancelled("2030-04-03T09:00:00Z", "INSUFFICIENT_STOCK");
    cancelled("2030-04-03T10:00:00Z", "PAYMENT_DECLINED");
    // Outside the range the tests ask for.
    completed("2030-03-31T23:59:59Z", 7000);
    cancelled("2030-04-04T00:00:00Z", "PAYMENTS_UNAVAILABLE");
  }

  @AfterAll
  static void stop() {
    analytics.close();
    database.close();
  }

  @Test
  void reportsEveryDayOfTheRangeWithTotalsRatesAndReasons() {
    HttpResponse<Buffer> response = analytics.get(PATH + "?from=2030-04-01&to=2030-04-03");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("from", "2030-04-01")
        .put("to", "2030-04-03")
        .put("days", new JsonArray()
            .add(day("2030-04-01", 3, 1, 6000, 0.75))
            .add(day("2030-04-02", 0, 0, 0, null))
            .add(day("2030-04-03", 0, 2, 0, 0.0)))
        .put("totals", conversion(3, 3, 6000, 0.5))
        .put("cancellationReasons", new JsonArray()
            .add(new JsonObject().put("code", "PAYMENT_DECLINED").put("count", 2))
            .add(new JsonObject().put("code", "INSUFFICIENT_STOCK").put("count", 1))));
  }

  @Test
  void answersTheThirtyDaysEndingTodayByDefault() {
    JsonObject report = analytics.get(PATH).bodyAsJsonObject();

    assertThat(report.getString("from")).isEqualTo("2030-05-17");
    assertThat(report.getString("to")).isEqualTo("2030-06-15");
    assertThat(report.getJsonArray("days")).hasSize(30);
    assertThat(report.getJsonArray("days").getJsonObject(0).getString("date")).isEqualTo("2030-05-17");
    assertThat(report.getJsonArray("days").getJsonObject(29).getString("date")).isEqualTo("2030-06-15");
  }

  @Test
  void endsTheRangeTodayWhenOnlyFromIsGiven() {
    JsonObject report = analytics.get(PATH + "?from=2030-06-01").bodyAsJsonObject();

    assertThat(report.getString("from")).isEqualTo("2030-06-01");
    assertThat(report.getString("to")).isEqualTo("2030-06-15");
  }

  @Test
  void coversThirtyDaysEndingWithToWhenOnlyToIsGiven() {
    JsonObject report = analytics.get(PATH + "?to=2030-04-03").bodyAsJsonObject();

    assertThat(report.getString("from")).isEqualTo("2030-03-05");
    assertThat(report.getJsonObject("totals")).isEqualTo(conversion(4, 3, 13000, 4.0 / 7));
  }

  @Test
  void answersAWholeLeapYear() {
    HttpResponse<Buffer> response = analytics.get(PATH + "?from=2028-01-01&to=2028-12-31");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonArray("days")).hasSize(366);
  }

  @Test
  void servesItsOpenApiDocument() {
    HttpResponse<Buffer> response = analytics.get("/openapi.yaml");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("title: analytics").contains("operationId: getConversions");
  }

  static Stream<Arguments> badRequests() {
    return Stream.of(
        bad("a month 13", HttpMethod.GET, PATH + "?from=2030-13-01", 400, "validation-failed"),
        bad("February 30th", HttpMethod.GET, PATH + "?to=2030-02-30", 400, "validation-failed"),
        bad("a word for a date", HttpMethod.GET, PATH + "?from=yesterday", 400, "validation-failed"),
        bad("a date without dashes", HttpMethod.GET, PATH + "?from=20300401", 400, "validation-failed"),
        bad("a date with a time", HttpMethod.GET, PATH + "?from=2030-04-01T00:00:00Z", 400, "validation-failed"),
        bad("an empty date", HttpMethod.GET, PATH + "?from=", 400, "validation-failed"),
        bad("to before from", HttpMethod.GET, PATH + "?from=2030-04-03&to=2030-04-01", 400, "validation-failed"),
        bad("367 days", HttpMethod.GET, PATH + "?from=2028-01-01&to=2029-01-01", 400, "validation-failed"),
        bad("a from over a year before today", HttpMethod.GET, PATH + "?from=2029-06-14", 400, "validation-failed"),
        bad("a from after today without to", HttpMethod.GET, PATH + "?from=2030-06-16", 400, "validation-failed"),
        bad("a wrong method", HttpMethod.POST, PATH, 405, "method-not-allowed"),
        bad("an unknown path", HttpMethod.GET, "/api/analytics/revenue", 404, "not-found"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badRequests")
  void answersAProblem(String description, HttpMethod method, String path, int status, String slug) {
    HttpResponse<Buffer> response = analytics.send(method, path);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo("urn:vertx-shop:problem:" + slug);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
  }

  @Test
  void namesTheDatesOfARangeThatEndsBeforeItStarts() {
    JsonObject problem = analytics.get(PATH + "?from=2030-04-03&to=2030-04-01").bodyAsJsonObject();

    assertThat(problem.getString("detail")).contains("2030-04-01").contains("2030-04-03");
  }

  private static Arguments bad(String description, HttpMethod method, String path, int status, String slug) {
    return Arguments.of(description, method, path, status, slug);
  }

  private static JsonObject day(String date, long completed, long cancelled, long revenueCents, Double rate) {
    return conversion(completed, cancelled, revenueCents, rate).put("date", date);
  }

  private static JsonObject conversion(long completed, long cancelled, long revenueCents, Double rate) {
    return new JsonObject()
        .put("ordersCompleted", completed)
        .put("ordersCancelled", cancelled)
        .put("revenueCents", revenueCents)
        .put("conversionRate", rate);
  }

  private static void completed(String at, long totalCents) {
    String orderId = OrderEventsFixture.newOrderId();
    Instant time = Instant.parse(at);
    analytics.record(OrderEventsFixture.completed(orderId, totalCents, time), new OrderCompleted(orderId, totalCents, time));
  }

  private static void cancelled(String at, String reasonCode) {
    String orderId = OrderEventsFixture.newOrderId();
    Instant time = Instant.parse(at);
    analytics.record(OrderEventsFixture.cancelled(orderId, reasonCode, time), new OrderCancelled(orderId, reasonCode, time));
  }
}
