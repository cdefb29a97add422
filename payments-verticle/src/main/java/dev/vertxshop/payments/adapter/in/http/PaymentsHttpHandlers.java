package dev.vertxshop.payments.adapter.in.http;

import dev.vertxshop.payments.application.ChargeCommand;
import dev.vertxshop.payments.application.ChargeOrder;
import dev.vertxshop.payments.application.ChargeOutcome;
import dev.vertxshop.payments.application.DependencyUnavailableException;
import dev.vertxshop.payments.application.PaymentQueries;
import dev.vertxshop.payments.application.RefundOrder;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.OrderId;
import dev.vertxshop.platform.auth.Access;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;

/**
 * The handlers of the payments API's operations. Requests reach them validated against the OpenAPI
 * document; they turn a request into a use case call and its result into a response.
 */
public final class PaymentsHttpHandlers {

  /** The number of fail-open decisions listed when the request does not say. */
  static final int DEFAULT_FAIL_OPEN_LIMIT = 20;

  private final ChargeOrder chargeOrder;
  private final RefundOrder refundOrder;
  private final PaymentQueries queries;

  public PaymentsHttpHandlers(ChargeOrder chargeOrder, RefundOrder refundOrder, PaymentQueries queries) {
    this.chargeOrder = chargeOrder;
    this.refundOrder = refundOrder;
    this.queries = queries;
  }

  /**
   * Binds every operation of the document to its handler: charges and refunds, which only orders
   * makes, need the internal grant; the ledger and the fail-open report the admin grant.
   */
  public HttpApi mount(HttpApi api) {
    return api
        .handle("charge", Access.INTERNAL, this::charge)
        .handle("getCharge", Access.INTERNAL, this::getCharge)
        .handle("refund", Access.INTERNAL, this::refund)
        .handle("ledgerSummary", Access.ADMIN, this::ledgerSummary)
        .handle("failOpenDecisions", Access.ADMIN, this::failOpenDecisions);
  }

  private void charge(RoutingContext ctx) {
    ChargeCommand command;
    try {
      command = ChargeJson.toCommand(HttpApi.body(ctx));
    } catch (IllegalArgumentException e) {
      ctx.fail(ProblemException.badRequest(e.getMessage()));
      return;
    }
    chargeOrder.charge(command)
        .onSuccess(outcome -> answerCharge(ctx, outcome))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static void answerCharge(RoutingContext ctx, ChargeOutcome outcome) {
    Charge charge = outcome.charge();
    if (outcome.created()) {
      HttpApi.created(ctx, "/api/charges/" + charge.orderId().value(), ChargeJson.toJson(charge));
    } else {
      HttpApi.json(ctx, 200, ChargeJson.toJson(charge));
    }
  }

  private void getCharge(RoutingContext ctx) {
    OrderId orderId = OrderId.of(ctx.pathParam("orderId"));
    queries.charge(orderId)
        .onSuccess(charge -> answerFound(ctx, orderId, charge))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static void answerFound(RoutingContext ctx, OrderId orderId, Optional<Charge> charge) {
    if (charge.isEmpty()) {
      ctx.fail(new ProblemException(Problem.of("charge-not-found", "Charge not found", 404,
          "Order " + orderId.value() + " has no charge").with("orderId", orderId.value())));
      return;
    }
    HttpApi.json(ctx, 200, ChargeJson.toJson(charge.get()));
  }

  private void refund(RoutingContext ctx) {
    refundOrder.refund(OrderId.of(ctx.pathParam("orderId")))
        .onSuccess(charge -> HttpApi.json(ctx, 200, ChargeJson.toJson(charge)))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void ledgerSummary(RoutingContext ctx) {
    queries.ledgerSummary()
        .onSuccess(summary -> HttpApi.json(ctx, 200, ChargeJson.toJson(summary)))
        .onFailure(failure -> fail(ctx, failure));
  }

  private void failOpenDecisions(RoutingContext ctx) {
    // The document restricts limit to 1..1000, so it parses here.
    String limit = ctx.queryParams().get("limit");
    queries.failOpenDecisions(limit == null ? DEFAULT_FAIL_OPEN_LIMIT : Integer.parseInt(limit))
        .onSuccess(report -> HttpApi.json(ctx, 200, ChargeJson.toJson(report)))
        .onFailure(failure -> fail(ctx, failure));
  }

  private static void fail(RoutingContext ctx, Throwable failure) {
    if (failure instanceof DependencyUnavailableException unavailable) {
      ctx.fail(new ProblemException(Problem.of("dependency-unavailable", "Payment could not be completed", 503,
              unavailable.dependency() + " gave no answer; nothing was charged, the request can be repeated")
          .with("dependency", unavailable.dependency())));
      return;
    }
    ctx.fail(failure);
  }
}
