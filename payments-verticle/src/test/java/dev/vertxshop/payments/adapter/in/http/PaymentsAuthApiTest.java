package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.adapter.in.http.PaymentsApiTest.chargeRequest;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Charges and refunds need the internal grant, reports the admin grant; refused requests write nothing. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PaymentsAuthApiTest {

  private static RunningPayments payments;

  @BeforeAll
  static void start(Vertx vertx) {
    payments = RunningPayments.start(vertx);
  }

  @AfterAll
  static void stop() {
    payments.close();
  }

  @Test
  void chargesAndRefundsNeedTheServiceCredential() {
    List<String> before = payments.everyStoredRow();
    JsonObject charge = chargeRequest("order-guarded", 1_000, "4242424242424242");
    assertThat(payments.sendAs(null, HttpMethod.POST, "/api/charges", charge).statusCode()).isEqualTo(401);
    assertThat(payments.sendAs(TestTokens.customer("eve"), HttpMethod.POST, "/api/charges", charge).statusCode()).isEqualTo(403);
    assertThat(payments.sendAs(TestTokens.admin(), HttpMethod.POST, "/api/charges", charge).statusCode()).isEqualTo(403);
    assertThat(payments.sendAs(TestTokens.customer("eve"), HttpMethod.POST, "/api/charges/order-guarded/refund", new JsonObject())
        .statusCode()).isEqualTo(403);
    assertThat(payments.sendAs(TestTokens.customer("eve"), HttpMethod.GET, "/api/charges/order-guarded", null).statusCode())
        .isEqualTo(403);
    assertThat(payments.everyStoredRow()).isEqualTo(before);
    assertThat(payments.sendAs(TestTokens.internal(), HttpMethod.POST, "/api/charges", charge).statusCode()).isEqualTo(201);
  }

  @Test
  void reportsNeedTheAdminGrant() {
    for (String path : new String[] {"/api/ledger/summary", "/admin/fraud/fail-open", "/admin/circuit-breakers"}) {
      assertThat(payments.sendAs(null, HttpMethod.GET, path, null).statusCode()).as(path).isEqualTo(401);
      assertThat(payments.sendAs(TestTokens.customer("eve"), HttpMethod.GET, path, null).statusCode()).as(path).isEqualTo(403);
      assertThat(payments.sendAs(TestTokens.internal(), HttpMethod.GET, path, null).statusCode()).as(path).isEqualTo(403);
      assertThat(payments.sendAs(TestTokens.admin(), HttpMethod.GET, path, null).statusCode()).as(path).isEqualTo(200);
    }
  }
}
