package dev.vertxshop.payments.adapter.in.http;

import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.BodyShape;
import dev.vertxshop.testing.hostile.HostileCase;
import dev.vertxshop.testing.hostile.HostileInputs.Kind;
import dev.vertxshop.testing.hostile.HostileInputs;
import dev.vertxshop.testing.hostile.HostileProbe;
import dev.vertxshop.testing.hostile.HostileRequest;
import dev.vertxshop.testing.hostile.HostileRequests;
import dev.vertxshop.testing.hostile.Transport;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input on every endpoint of the payments API: each request is refused with a 4xx problem
 * (never a 5xx, never a stack trace), and no row of the payments schema changes, so no card is
 * charged and no ledger line written.
 */
class PaymentsHostileInputTest {

  private static final Pattern ORDER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
  private static final Predicate<String> VALID_ORDER_ID = s -> ORDER_ID.matcher(s).matches();
  private static final Pattern CUSTOMER_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]*$");

  private static Vertx vertx;
  private static RunningPayments payments;
  private static HostileProbe probe;

  @BeforeContainer
  static void start() {
    vertx = Vertx.vertx();
    payments = RunningPayments.start(vertx);
    probe = new HostileProbe("payments", payments.port(), payments.database(), "payments");
  }

  @AfterContainer
  static void stop() {
    probe.close();
    payments.close();
    vertx.close().await();
  }

  /** The headers every request carries: a token that may call every operation, so that each input reaches validation. */
  private static Map<String, String> headers() {
    return Map.of("Authorization", TestTokens.bearer(
        TestTokens.DEFAULT.token("cust-1", List.of(TestTokens.ADMIN, TestTokens.INTERNAL), Duration.ofHours(1))));
  }

  @Property(tries = 250)
  void charge(@ForAll("chargeRequests") HostileCase hostile) {
    probe.check("POST /api/charges", hostile);
  }

  @Property(tries = 80)
  void getCharge(@ForAll("getChargeRequests") HostileCase hostile) {
    probe.check("GET /api/charges/{orderId}", hostile);
  }

  @Property(tries = 80)
  void refund(@ForAll("refundRequests") HostileCase hostile) {
    probe.check("POST /api/charges/{orderId}/refund", hostile);
  }

  @Property(tries = 80)
  void failOpenDecisions(@ForAll("failOpenRequests") HostileCase hostile) {
    probe.check("GET /admin/fraud/fail-open", hostile);
  }

  @Property(tries = 60)
  void ledgerSummary(@ForAll("ledgerSummaryRequests") HostileCase hostile) {
    probe.check("GET /api/ledger/summary", hostile);
  }

  private static Map<String, Object> validCharge() {
    Map<String, Object> card = new LinkedHashMap<>();
    card.put("type", "card");
    card.put("cardNumber", "4242424242424242");
    Map<String, Object> charge = new LinkedHashMap<>();
    charge.put("orderId", "hostile-order-1");
    charge.put("amountCents", 1200);
    charge.put("paymentMethod", card);
    charge.put("customerId", "cust-1");
    charge.put("countryCode", "DE");
    return charge;
  }

  @Provide
  Arbitrary<HostileCase> chargeRequests() {
    BodyShape shape = BodyShape.of(validCharge())
        .field("orderId", Kind.STRING, HostileInputs.stringsThatAre(VALID_ORDER_ID.negate()), true)
        .field("amountCents", Kind.INTEGER, HostileInputs.numbersOutside(1, 100_000_000_000L), true)
        .field("paymentMethod", Kind.OBJECT, null, true)
        .field("paymentMethod.type", Kind.STRING, HostileInputs.stringsThatAre(s -> !s.equals("card")), true)
        .field("paymentMethod.cardNumber", Kind.STRING, HostileInputs.stringsThatAre(s -> !s.matches("^[0-9]{12,19}$")), true)
        .field("customerId", Kind.STRING,
            HostileInputs.stringsThatAre(s -> s.isEmpty() || s.length() > 64 || !CUSTOMER_ID.matcher(s).matches()), false)
        .field("countryCode", Kind.STRING, HostileInputs.stringsThatAre(s -> !s.matches("^[A-Z]{2}$")), false);
    return Combinators.combine(shape.brokenBodies(), Transport.riders())
        .as((body, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("POST", "/api/charges", json(), body))));
  }

  @Provide
  Arbitrary<HostileCase> getChargeRequests() {
    return HostileRequests.withBadSegment("GET", id -> "/api/charges/" + id, HostileRequests.badPathSegments(VALID_ORDER_ID), headers());
  }

  @Provide
  Arbitrary<HostileCase> refundRequests() {
    return HostileRequests.withBadSegment("POST", id -> "/api/charges/" + id + "/refund", HostileRequests.badPathSegments(VALID_ORDER_ID),
        headers());
  }

  @Provide
  Arbitrary<HostileCase> failOpenRequests() {
    Arbitrary<String> badLimit = Arbitraries.oneOf(
        HostileInputs.numbersOutside(1, 1000).map(raw -> raw.text()),
        HostileRequests.badQueryValues(s -> s.matches("\\d+")));
    return Combinators.combine(badLimit, Transport.riders())
        .as((limit, rider) -> HostileCase.rejected(rider.apply(HostileRequest.of("GET", "/admin/fraud/fail-open?limit=" + limit, headers(), null))));
  }

  @Provide
  Arbitrary<HostileCase> ledgerSummaryRequests() {
    return HostileRequests.parameterless("GET", "/api/ledger/summary", headers());
  }

  private static Map<String, String> json() {
    Map<String, String> headers = new LinkedHashMap<>(headers());
    headers.put("Content-Type", "application/json");
    return headers;
  }
}
