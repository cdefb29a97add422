package dev.vertxshop.payments.adapter.in.http;

import dev.vertxshop.payments.application.ChargeCommand;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.FailOpenReport;
import dev.vertxshop.payments.domain.LedgerSummary;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The JSON shapes of the payments API (see contracts/openapi/payments.yaml). */
final class ChargeJson {

  static final String CARD = "card";

  private ChargeJson() {}

  /**
   * The command in a charge request that the OpenAPI validation has accepted; throws {@link
   * IllegalArgumentException} for anything the domain refuses.
   */
  static ChargeCommand toCommand(JsonObject body) {
    JsonObject method = body.getJsonObject("paymentMethod");
    if (!CARD.equals(method.getString("type"))) {
      throw new IllegalArgumentException("Unknown payment method type; supported: " + CARD);
    }
    return new ChargeCommand(
        OrderId.of(body.getString("orderId")),
        Money.positive(body.getLong("amountCents")),
        CardDetails.of(method.getString("cardNumber")),
        body.getString("customerId"),
        body.getString("countryCode"));
  }

  static JsonObject toJson(Charge charge) {
    JsonObject json = new JsonObject()
        .put("chargeId", charge.chargeId().toString())
        .put("orderId", charge.orderId().value())
        .put("amountCents", charge.amount().cents())
        .put("status", charge.status().name());
    charge.decline().map(DeclineReason::code).ifPresent(reason -> json.put("declineReason", reason));
    charge.card().ifPresent(last4 -> json.put("cardLast4", last4));
    return json
        .put("createdAt", charge.createdAt().toString())
        .put("updatedAt", charge.updatedAt().toString());
  }

  static JsonObject toJson(LedgerSummary summary) {
    return new JsonObject()
        .put("charges", summary.charges())
        .put("chargedCents", summary.charged().cents())
        .put("refunds", summary.refunds())
        .put("refundedCents", summary.refunded().cents())
        .put("netCents", summary.netCents());
  }

  static JsonObject toJson(FailOpenReport report) {
    JsonArray latest = new JsonArray();
    report.latest().forEach(decision -> latest.add(toJson(decision)));
    return new JsonObject().put("count", report.count()).put("latest", latest);
  }

  private static JsonObject toJson(FailOpenDecision decision) {
    return new JsonObject()
        .put("orderId", decision.orderId().value())
        .put("amountCents", decision.amount().cents())
        .put("reason", decision.reason())
        .put("decidedAt", decision.decidedAt().toString());
  }
}
