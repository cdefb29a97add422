package dev.vertxshop.analytics.api;

import dev.vertxshop.analytics.TestAnalytics;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.HostileCase;
import dev.vertxshop.testing.hostile.HostileProbe;
import dev.vertxshop.testing.hostile.HostileRequest;
import dev.vertxshop.testing.hostile.HostileRequests;
import dev.vertxshop.testing.hostile.Transport;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input on the analytics API ({@code GET /api/analytics/conversions}): each request is
 * refused with a 4xx problem (never a 5xx, never a stack trace), and no row of the analytics schema
 * changes.
 */
class AnalyticsHostileInputTest {

  private static Vertx vertx;
  private static TestDatabase database;
  private static TestAnalytics analytics;
  private static HostileProbe probe;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    analytics = TestAnalytics.start(vertx, database, Clock.systemUTC());
    probe = new HostileProbe("analytics", analytics.port(), database, "analytics");
  }

  @AfterContainer
  static void stop() {
    probe.close();
    analytics.close();
    TestAnalytics.await(vertx.close());
    database.close();
  }

  /** The headers every request carries: a token that may call every operation, so that each input reaches validation. */
  private static Map<String, String> headers() {
    return Map.of("Authorization", TestTokens.bearer(
        TestTokens.DEFAULT.token("cust-1", List.of(TestTokens.ADMIN, TestTokens.INTERNAL), Duration.ofHours(1))));
  }

  @Property(tries = 150)
  void getConversions(@ForAll("conversionsRequests") HostileCase hostile) {
    probe.check("GET /api/analytics/conversions", hostile);
  }

  private static boolean isDate(String text) {
    if (!text.matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")) {
      return false;
    }
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  @Provide
  Arbitrary<HostileCase> conversionsRequests() {
    Arbitrary<String> badDate = Arbitraries.oneOf(
        HostileRequests.badQueryValues(AnalyticsHostileInputTest::isDate),
        Arbitraries.of("2026-02-30", "2026-13-01", "0000-00-00", "9999-99-99", "2026-1-1", "20260101", "2026-01-01T00:00:00Z",
            "-2026-01-01", "+10000-01-01"));
    Arbitrary<String> badRange = Arbitraries.of(
        "from=2026-03-01&to=2026-01-01", "from=2020-01-01&to=2026-01-01", "from=0001-01-01&to=9999-12-31", "from=9999-12-31");
    Arbitrary<String> queries = Arbitraries.oneOf(badDate.map(d -> "from=" + d), badDate.map(d -> "to=" + d),
        badDate.map(d -> "from=2026-01-01&to=" + d), badRange);
    return Combinators.combine(queries, Transport.riders())
        .as((query, rider) -> HostileCase.rejected(rider.apply(
            HostileRequest.of("GET", "/api/analytics/conversions?" + query, headers(), null))));
  }
}
