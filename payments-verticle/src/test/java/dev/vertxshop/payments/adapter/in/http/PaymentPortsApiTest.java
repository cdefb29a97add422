package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.PaymentsVerticle;
import dev.vertxshop.payments.adapter.out.card.TestCardNetwork;
import dev.vertxshop.payments.application.CardNetwork;
import dev.vertxshop.payments.application.FraudCheck;
import dev.vertxshop.payments.application.FraudScreening;
import dev.vertxshop.payments.application.FraudVerdict;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service with test implementations of its fraud screening and card network ports. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PaymentPortsApiTest {

  private static final String SUSPECT = "suspect-customer";
  private static final List<FraudCheck> screened = new CopyOnWriteArrayList<>();
  private static final AtomicInteger authorizations = new AtomicInteger();
  private static final AtomicBoolean networkDown = new AtomicBoolean();

  private static RunningPayments payments;

  @BeforeAll
  static void startService(Vertx vertx) {
    FraudScreening screening = check -> {
      screened.add(check);
      return Future.succeededFuture(SUSPECT.equals(check.customerId())
          ? FraudVerdict.reject("customer on the watch list")
          : FraudVerdict.approve());
    };
    CardNetwork network = (orderId, card, amount) -> {
      authorizations.incrementAndGet();
      return networkDown.get()
          ? Future.failedFuture(new IllegalStateException("card network timed out"))
          : new TestCardNetwork().authorize(orderId, card, amount);
    };
    payments = RunningPayments.start(vertx, config -> new PaymentsVerticle(config, v -> screening, v -> network));
  }

  @AfterAll
  static void stopService() {
    if (payments != null) {
      payments.close();
    }
  }

  @BeforeEach
  void resetPorts() {
    screened.clear();
    authorizations.set(0);
    networkDown.set(false);
  }

  @Test
  void aPaymentRejectedByFraudScreeningIsDeclinedFraudSuspectedWithoutAskingTheCardNetwork() {
    JsonObject request = chargeRequest("order-suspect", 89900, "4242424242424242").put("customerId", SUSPECT);

    HttpResponse<Buffer> response = payments.post("/api/charges", request);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("DECLINED");
    assertThat(response.bodyAsJsonObject().getString("declineReason")).isEqualTo("fraud_suspected");
    assertThat(authorizations).hasValue(0);
    assertThat(payments.ledgerOf("order-suspect")).isEmpty();
  }

  @Test
  void screeningSeesTheCustomerAndTheCardsOuterDigitsOnly() {
    payments.post("/api/charges", chargeRequest("order-screened", 1500, "5555555555554444").put("customerId", "c-1"));

    assertThat(screened).singleElement().satisfies(check -> {
      assertThat(check.orderId().value()).isEqualTo("order-screened");
      assertThat(check.amount().cents()).isEqualTo(1500);
      assertThat(check.customerId()).isEqualTo("c-1");
      assertThat(check.cardBin()).isEqualTo("555555");
      assertThat(check.cardLast4()).isEqualTo("4444");
    });
    assertThat(authorizations).hasValue(1);
  }

  @Test
  void aCardNetworkWithoutAnswerIs503AndARetryLaterCharges() {
    networkDown.set(true);
    JsonObject request = chargeRequest("order-retried", 2500, "4242424242424242");

    HttpResponse<Buffer> failed = payments.post("/api/charges", request);

    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(failed.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(failed.bodyAsJsonObject().getString("type")).isEqualTo("urn:vertx-shop:problem:dependency-unavailable");
    assertThat(failed.bodyAsJsonObject().getString("dependency")).isEqualTo("card network");
    assertThat(payments.chargeRowsOf("order-retried")).isZero();

    networkDown.set(false);
    HttpResponse<Buffer> retried = payments.post("/api/charges", request);

    assertThat(retried.statusCode()).isEqualTo(201);
    assertThat(payments.ledgerOf("order-retried")).containsExactly("CHARGE:2500");
  }
}
