package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.StandInFraud;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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

/** The fail-closed policy, with a deadline of 100 ms, against a stand-in fraud service. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FraudPolicyApiTest {

  private static final String VISA = "4242424242424242";

  private static RunningPayments payments;
  private static StandInFraud fraud;

  @BeforeAll
  static void startService(Vertx vertx) {
    payments = RunningPayments.start(vertx, Map.of(
        "PAYMENTS_FRAUD_POLICY", "fail-closed",
        "PAYMENTS_FRAUD_DEADLINE_MS", "100",
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "1000000"));
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

  private static JsonObject charge(String orderId, long cents) {
    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(orderId, cents, VISA));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  @Test
  void withFraudUpAnApprovedPaymentIsCharged() {
    String orderId = "order-" + UUID.randomUUID();

    assertThat(charge(orderId, 50_000).getString("status")).isEqualTo("SUCCEEDED");
    assertThat(payments.ledgerOf(orderId)).containsExactly("CHARGE:50000");
  }

  @Test
  void withFraudDownEvenTheSmallestAmountIsDeclinedFraudCheckUnavailableAndNothingIsRecordedAsFailOpen() {
    fraud.stop();
    String orderId = "order-" + UUID.randomUUID();

    JsonObject declined = charge(orderId, 1);

    assertThat(declined.getString("status")).isEqualTo("DECLINED");
    assertThat(declined.getString("declineReason")).isEqualTo("fraud_check_unavailable");
    assertThat(payments.ledgerOf(orderId)).isEmpty();
    assertThat(payments.failOpenOf(orderId)).isEmpty();
    assertThat(payments.get("/admin/fraud/fail-open").bodyAsJsonObject().getLong("count")).isZero();
  }

  @Test
  void aSlowFraudServiceIsGivenUpAfterTheConfiguredDeadline() {
    charge("order-" + UUID.randomUUID(), 100);
    fraud.answerAfter(Duration.ofMillis(500));
    String orderId = "order-" + UUID.randomUUID();

    long started = System.nanoTime();
    JsonObject declined = charge(orderId, 100);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(declined.getString("declineReason")).isEqualTo("fraud_check_unavailable");
    assertThat(took).isBetween(Duration.ofMillis(95), Duration.ofMillis(400));
  }
}
