package dev.vertxshop.orders.adapter.out.http;

import dev.vertxshop.orders.application.Payments;
import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.PaymentMethod;
import dev.vertxshop.platform.http.Repeat;
import dev.vertxshop.platform.http.ServiceClient;
import dev.vertxshop.platform.http.ServiceResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * {@link Payments} over payments' HTTP API (contracts/openapi/payments.yaml). The order id is the
 * charge's idempotency key. Answers that the contract does not allow count as no answer.
 *
 * <p>Charge and refund are idempotent by the order id, so the client retries them within its
 * deadline. A call refused by payments' open circuit breaker ({@code DownstreamException} {@code
 * CIRCUIT_OPEN}, nothing sent) is an unknown outcome like a call without an answer, except for a
 * refund, which is then not attempted at all and waits for the breaker.
 */
public final class HttpPayments implements Payments {

  private final ServiceClient client;

  public HttpPayments(ServiceClient client) {
    this.client = client;
  }

  @Override
  public Future<ChargeOutcome> charge(UUID orderId, long amountCents, PaymentMethod method) {
    JsonObject request = new JsonObject()
        .put("orderId", orderId.toString())
        .put("amountCents", amountCents)
        .put("paymentMethod", new JsonObject().put("type", method.type()).put("cardNumber", method.cardNumber()));
    return client.post("/api/charges", request, Repeat.SAFE)
        .map(HttpPayments::toChargeOutcome)
        .otherwise(failure -> new ChargeOutcome.Unknown(Answers.describe(failure)));
  }

  @Override
  public Future<CompensationOutcome> refund(UUID orderId) {
    return client.post("/api/charges/" + orderId + "/refund", null, Repeat.SAFE)
        .map(HttpPayments::toRefundOutcome)
        .otherwise(Answers::compensationFailure);
  }

  private static ChargeOutcome toChargeOutcome(ServiceResponse response) {
    if (!response.isSuccess()) {
      return new ChargeOutcome.Refused(Answers.slug(response), Answers.detail(response));
    }
    JsonObject charge = response.body();
    String status = charge.getString("status");
    return switch (status == null ? "" : status) {
      case "SUCCEEDED" -> new ChargeOutcome.Charged(charge.getLong("amountCents"));
      case "DECLINED" -> new ChargeOutcome.Declined(charge.getString("declineReason"));
      case "REFUNDED", "VOIDED" -> new ChargeOutcome.Voided(status);
      default -> new ChargeOutcome.Unknown("payments answered " + response.status() + " with charge status '" + status + "'");
    };
  }

  /** A refund leaves the charge REFUNDED, VOIDED or DECLINED; anything else has not undone it yet. */
  private static CompensationOutcome toRefundOutcome(ServiceResponse response) {
    if (response.isSuccess()) {
      String status = response.body().getString("status");
      return switch (status == null ? "" : status) {
        case "REFUNDED", "VOIDED", "DECLINED" -> new CompensationOutcome.Done("charge " + status);
        default -> new CompensationOutcome.Unknown("payments answered " + response.status() + " with charge status '" + status + "'");
      };
    }
    if (response.status() == 409) {
      return new CompensationOutcome.Refused(Answers.slug(response), Answers.detail(response));
    }
    return new CompensationOutcome.Unknown("payments answered " + response.status() + " " + Answers.slug(response));
  }
}
