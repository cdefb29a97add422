package dev.vertxshop.orders.adapter.out.http;

import static dev.vertxshop.orders.adapter.out.http.StubService.await;
import static dev.vertxshop.orders.adapter.out.http.StubService.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.PaymentMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpPaymentsTest {

  private static final PaymentMethod CARD = PaymentMethod.card("4000000000000002");

  private final StubService stub = new StubService();
  private final HttpPayments payments = new HttpPayments(stub.client("payments"));
  private final UUID orderId = UUID.randomUUID();

  @AfterEach
  void stopStub() {
    stub.close();
  }

  private JsonObject charge(String status, long amount) {
    return new JsonObject().put("chargeId", "ch-1").put("orderId", orderId.toString()).put("amountCents", amount)
        .put("status", status).put("cardLast4", "0002");
  }

  @Test
  void aChargeIsRequestedForTheOrderWithItsAmountAndCard() {
    stub.answers(201, charge("SUCCEEDED", 450));

    ChargeOutcome outcome = await(payments.charge(orderId, 450, CARD));

    assertThat(outcome).isEqualTo(new ChargeOutcome.Charged(450));
    StubService.Request request = stub.onlyRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.uri()).isEqualTo("/api/charges");
    assertThat(request.json()).isEqualTo(new JsonObject()
        .put("orderId", orderId.toString())
        .put("amountCents", 450)
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", "4000000000000002")));
  }

  @Test
  void aDeclinedCardIsAnAnswerWithItsReason() {
    stub.answers(201, charge("DECLINED", 450).put("declineReason", "insufficient_funds"));

    assertThat(await(payments.charge(orderId, 450, CARD))).isEqualTo(new ChargeOutcome.Declined("insufficient_funds"));
  }

  @Test
  void aChargeRefundedOrVoidedBeforeItArrivedIsVoided() {
    stub.answers(200, charge("VOIDED", 0));
    assertThat(await(payments.charge(orderId, 450, CARD))).isEqualTo(new ChargeOutcome.Voided("VOIDED"));

    stub.answers(200, charge("REFUNDED", 450));
    assertThat(await(payments.charge(orderId, 450, CARD))).isEqualTo(new ChargeOutcome.Voided("REFUNDED"));
  }

  @Test
  void aProblemIsARefusal() {
    stub.answers(400, problem("validation-failed", 400));

    assertThat(await(payments.charge(orderId, 450, CARD))).isInstanceOfSatisfying(ChargeOutcome.Refused.class,
        refused -> assertThat(refused.problemType()).isEqualTo("validation-failed"));
  }

  @Test
  void noUsableAnswerLeavesTheChargeUnknown() {
    stub.answers(502, problem("bad-gateway", 502));
    assertThat(await(payments.charge(orderId, 450, CARD))).isInstanceOf(ChargeOutcome.Unknown.class);

    stub.neverAnswers();
    assertThat(await(payments.charge(orderId, 450, CARD))).isInstanceOf(ChargeOutcome.Unknown.class);
  }

  @Test
  void aRefundLeavingTheChargeRefundedVoidedOrDeclinedIsDone() {
    for (String status : new String[] {"REFUNDED", "VOIDED", "DECLINED"}) {
      stub.answers(200, charge(status, 450));
      assertThat(await(payments.refund(orderId))).as(status).isInstanceOf(CompensationOutcome.Done.class);
    }
  }

  @Test
  void aRefundGoesToTheOrdersRefundPathWithoutABody() {
    stub.answers(200, charge("REFUNDED", 450));

    await(payments.refund(orderId));

    assertThat(stub.onlyRequest().method()).isEqualTo("POST");
    assertThat(stub.onlyRequest().uri()).isEqualTo("/api/charges/" + orderId + "/refund");
    assertThat(stub.onlyRequest().body()).isEmpty();
  }

  @Test
  void aRefundLeavingTheChargeSucceededOrUnansweredIsRetried() {
    stub.answers(200, charge("SUCCEEDED", 450));
    assertThat(await(payments.refund(orderId))).isInstanceOf(CompensationOutcome.Unknown.class);

    stub.answers(503, problem("service-unavailable", 503));
    assertThat(await(payments.refund(orderId))).isInstanceOf(CompensationOutcome.Unknown.class);
  }
}
