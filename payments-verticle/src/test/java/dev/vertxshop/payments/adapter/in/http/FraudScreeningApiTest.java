package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.contracts.fraud.TransactionRequest;
import dev.vertxshop.payments.StandInFraud;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Charges screened by a stand-in fraud service over gRPC, with the default policy: fail-open below
 * 10000 cents, a 200 ms deadline. The breaker never opens here (it would carry failures from one
 * test into the next); FraudBreakerApiTest covers it.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FraudScreeningApiTest {

  private static final String VISA = "4242424242424242";

  private static RunningPayments payments;
  private static StandInFraud fraud;

  @BeforeAll
  static void startService(Vertx vertx) {
    payments = RunningPayments.start(vertx, Map.of("HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "1000000"));
    fraud = payments.fraud();
  }

  @AfterAll
  static void stopService() {
    if (payments != null) {
      payments.close();
    }
  }

  @BeforeEach
  void fraudApprovesEverything() {
    fraud.reset();
  }

  private static String newOrder() {
    return "order-" + UUID.randomUUID();
  }

  private static JsonObject charge(String orderId, long cents) {
    return charge(orderId, cents, VISA);
  }

  private static JsonObject charge(String orderId, long cents, String card) {
    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(orderId, cents, card));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  void anApprovedPaymentIsChargedAfterTheFraudServiceScreenedIt() {
    String orderId = newOrder();

    HttpResponse<Buffer> response = payments.post("/api/charges",
        chargeRequest(orderId, 4_200, VISA).put("customerId", "customer-9").put("countryCode", "FR"));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("SUCCEEDED");
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:4200");
    assertThat(payments.failOpenOf(orderId)).isEmpty();
    assertThat(fraud.received()).singleElement().isEqualTo(TransactionRequest.newBuilder()
        .setTransactionId(orderId).setUserId("customer-9").setAmountCents(4_200)
        .setMerchantId("vertx-shop").setCountryCode("FR").build());
    // The service's own credential (auth.service.token), whoever asked for the charge.
    assertThat(fraud.authorizations()).containsExactly(TestTokens.bearer(TestTokens.DEFAULT.serviceToken()));
  }

  @Test
  void aPaymentWithoutCustomerOrCountryIsScreenedAsItsOrderInTheDefaultCountry() {
    String orderId = newOrder();

    charge(orderId, 1_000);

    assertThat(fraud.received()).singleElement().satisfies(request -> {
      assertThat(request.getUserId()).isEqualTo(orderId);
      assertThat(request.getCountryCode()).isEqualTo("DE");
    });
  }

  @Test
  void aFraudulentVerdictDeclinesTheChargeFraudSuspectedAndTakesNoMoney() {
    String orderId = newOrder();
    fraud.judgeFraudulent(request -> request.getTransactionId().equals(orderId));

    JsonObject declined = charge(orderId, 8_000);

    assertThat(declined.getString("status")).isEqualTo("DECLINED");
    assertThat(declined.getString("declineReason")).isEqualTo("fraud_suspected");
    assertThat(payments.ledgerOf(orderId)).isEmpty();
    assertThat(payments.failOpenOf(orderId)).isEmpty();
    assertThat(payments.get("/api/charges/" + orderId).bodyAsJsonObject()).isEqualTo(declined);
  }

  @Test
  void aCountryThatIsNotTwoUpperCaseLettersIsRefusedBeforeScreening() {
    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(newOrder(), 100, VISA).put("countryCode", "de"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
    assertThat(fraud.calls()).isZero();
  }

  @Test
  void withFraudDownAnAmountBelowTheLimitIsChargedAndTheFailOpenDecisionRecorded() {
    fraud.stop();
    String orderId = newOrder();
    long countBefore = failOpenReport(20).getLong("count");

    JsonObject charged = charge(orderId, 9_999);

    assertThat(charged.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:9999");
    assertThat(payments.failOpenOf(orderId)).singleElement().asString().startsWith("9999|UNAVAILABLE: ");
    JsonObject report = failOpenReport(20);
    assertThat(report.getLong("count")).isEqualTo(countBefore + 1);
    JsonObject newest = report.getJsonArray("latest").getJsonObject(0);
    assertThat(newest.getString("orderId")).isEqualTo(orderId);
    assertThat(newest.getLong("amountCents")).isEqualTo(9_999);
    assertThat(newest.getString("reason")).startsWith("UNAVAILABLE: ");
    assertThat(newest.getString("decidedAt")).isNotBlank();
  }

  @Test
  void withFraudDownAnAmountAtTheLimitIsDeclinedFraudCheckUnavailable() {
    fraud.stop();
    String orderId = newOrder();

    JsonObject declined = charge(orderId, 10_000);

    assertThat(declined.getString("status")).isEqualTo("DECLINED");
    assertThat(declined.getString("declineReason")).isEqualTo("fraud_check_unavailable");
    assertThat(payments.ledgerOf(orderId)).isEmpty();
    assertThat(payments.failOpenOf(orderId)).isEmpty();
  }

  @Test
  void aCardDeclinedAfterAFailOpenDecisionKeepsTheRecordOfThatDecision() {
    fraud.stop();
    String orderId = newOrder();

    JsonObject declined = charge(orderId, 500, "4000000000000002");

    assertThat(declined.getString("declineReason")).isEqualTo("card_declined");
    assertThat(payments.failOpenOf(orderId)).hasSize(1);
  }

  @Test
  void aRepeatedChargeAfterAFailOpenDecisionAnswersTheChargeAndRecordsNothingMore() {
    fraud.stop();
    String orderId = newOrder();
    JsonObject first = charge(orderId, 700);
    fraud.reset();

    HttpResponse<Buffer> again = payments.post("/api/charges", chargeRequest(orderId, 700, VISA));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first);
    assertThat(payments.failOpenOf(orderId)).hasSize(1);
    assertThat(fraud.calls()).isZero();
  }

  @Test
  void aSlowFraudServiceMeetsTheDeadlineAndThePolicyDecidesWellBeforeItsAnswer() {
    charge(newOrder(), 100);
    fraud.answerAfter(Duration.ofMillis(500));
    String small = newOrder();
    String large = newOrder();

    long started = System.nanoTime();
    JsonObject charged = charge(small, 2_500);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    JsonObject declined = charge(large, 25_000);

    assertThat(took).isBetween(Duration.ofMillis(195), Duration.ofMillis(450));
    assertThat(charged.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(payments.failOpenOf(small)).containsExactly("2500|DEADLINE_EXCEEDED: no verdict within 200 ms");
    assertThat(declined.getString("declineReason")).isEqualTo("fraud_check_unavailable");
    await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(fraud.received()).extracting(TransactionRequest::getTransactionId).contains(small, large));
  }

  @Test
  void theFailOpenReportListsAsManyAsAsked() {
    fraud.stop();
    charge(newOrder(), 100);
    charge(newOrder(), 200);

    JsonArray latest = failOpenReport(1).getJsonArray("latest");
    HttpResponse<Buffer> tooMany = payments.get("/admin/fraud/fail-open?limit=1001");
    HttpResponse<Buffer> none = payments.get("/admin/fraud/fail-open?limit=0");

    assertThat(latest).hasSize(1);
    assertThat(payments.get("/admin/fraud/fail-open").bodyAsJsonObject().getJsonArray("latest").size()).isGreaterThanOrEqualTo(2);
    assertThat(tooMany.statusCode()).isEqualTo(400);
    assertThat(none.statusCode()).isEqualTo(400);
    assertThat(none.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:validation-failed");
  }

  @Test
  void theCircuitBreakersEndpointListsTheBreakerOfTheFraudService() {
    HttpResponse<Buffer> response = payments.get("/admin/circuit-breakers");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsJsonArray()).singleElement().satisfies(breaker -> {
      assertThat(((JsonObject) breaker).getString("name")).isEqualTo("fraud");
      assertThat(((JsonObject) breaker).getString("state")).isEqualTo("CLOSED");
    });
  }

  private static JsonObject failOpenReport(int limit) {
    HttpResponse<Buffer> response = payments.get("/admin/fraud/fail-open?limit=" + limit);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }
}
