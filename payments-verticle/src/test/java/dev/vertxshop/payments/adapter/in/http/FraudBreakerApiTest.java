package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.StandInFraud;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.grpc.common.GrpcStatus;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The circuit breaker named fraud, opening after 3 failed calls, seen through the payments API. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FraudBreakerApiTest {

  private RunningPayments payments;

  @BeforeEach
  void startService(Vertx vertx) {
    payments = RunningPayments.start(vertx, Map.of(
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "3",
        "HTTP_CLIENT_BREAKER_OPEN_MS", "600000"));
  }

  @AfterEach
  void stopService() {
    if (payments != null) {
      payments.close();
    }
  }

  private String chargeOnce() {
    String orderId = "order-" + UUID.randomUUID();
    HttpResponse<Buffer> response = payments.post("/api/charges", chargeRequest(orderId, 1_500, "4242424242424242"));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("SUCCEEDED");
    return orderId;
  }

  @Test
  void afterRepeatedFailuresTheBreakerOpensAndChargesGoOnUnderThePolicyWithoutAskingFraud() {
    StandInFraud fraud = payments.fraud().failWith(GrpcStatus.UNAVAILABLE);
    List<String> failed = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      failed.add(chargeOnce());
    }
    assertThat(fraud.calls()).isEqualTo(3);
    JsonObject breaker = payments.get("/admin/circuit-breakers").bodyAsJsonArray().getJsonObject(0);
    assertThat(breaker.getString("name")).isEqualTo("fraud");
    assertThat(breaker.getString("state")).isEqualTo("OPEN");

    fraud.reset();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refused.add(chargeOnce());
    }

    assertThat(fraud.calls()).isZero();
    assertThat(failed).allSatisfy(orderId ->
        assertThat(payments.failOpenOf(orderId)).singleElement().asString().contains("|UNAVAILABLE: "));
    assertThat(refused).allSatisfy(orderId ->
        assertThat(payments.failOpenOf(orderId)).singleElement().asString().contains("|CIRCUIT_OPEN: circuit breaker fraud is open"));
    assertThat(payments.get("/admin/fraud/fail-open").bodyAsJsonObject().getLong("count")).isEqualTo(7);
  }
}
