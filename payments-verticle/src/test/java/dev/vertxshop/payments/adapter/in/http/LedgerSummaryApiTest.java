package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ledger summary in absolute numbers, so each test gets a service with an empty database. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LedgerSummaryApiTest {

  private RunningPayments payments;

  @BeforeEach
  void startService(Vertx vertx) {
    payments = RunningPayments.start(vertx);
  }

  @AfterEach
  void stopService() {
    if (payments != null) {
      payments.close();
    }
  }

  @Test
  void anEmptyLedgerSumsToZero() {
    assertThat(payments.get("/api/ledger/summary").bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("charges", 0).put("chargedCents", 0).put("refunds", 0).put("refundedCents", 0).put("netCents", 0));
  }

  @Test
  void aChargeThatWasRefundedNetsToZero() {
    payments.post("/api/charges", chargeRequest("order-refunded", 4599, "4242424242424242"));
    payments.post("/api/charges/order-refunded/refund", new JsonObject());
    payments.post("/api/charges/order-refunded/refund", new JsonObject());

    assertThat(payments.get("/api/ledger/summary").bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("charges", 1).put("chargedCents", 4599).put("refunds", 1).put("refundedCents", 4599).put("netCents", 0));
  }

  @Test
  void declinedAndVoidedChargesDoNotCount() {
    payments.post("/api/charges", chargeRequest("order-kept", 1000, "5555555555554444"));
    payments.post("/api/charges", chargeRequest("order-declined", 2000, "4000000000000002"));
    payments.post("/api/charges/order-voided/refund", new JsonObject());
    payments.post("/api/charges", chargeRequest("order-voided", 3000, "4242424242424242"));

    assertThat(payments.get("/api/ledger/summary").bodyAsJsonObject()).isEqualTo(new JsonObject()
        .put("charges", 1).put("chargedCents", 1000).put("refunds", 0).put("refundedCents", 0).put("netCents", 1000));
  }
}
