package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.PaymentMethod;
import io.vertx.core.Future;
import java.util.UUID;

/** A {@link Payments} whose answers the test sets; it logs every call with its amount. */
final class ScriptedPayments implements Payments {

  private final CallLog log;
  final Answers<ChargeOutcome> charges = new Answers<>(() -> null);
  final Answers<CompensationOutcome> refunds = new Answers<>(() -> new CompensationOutcome.Done("charge REFUNDED"));

  ScriptedPayments(CallLog log) {
    this.log = log;
  }

  @Override
  public Future<ChargeOutcome> charge(UUID orderId, long amountCents, PaymentMethod method) {
    log.add("charge " + amountCents);
    return charges.next().map(outcome -> outcome != null ? outcome : new ChargeOutcome.Charged(amountCents));
  }

  @Override
  public Future<CompensationOutcome> refund(UUID orderId) {
    log.add("refund");
    return refunds.next();
  }
}
