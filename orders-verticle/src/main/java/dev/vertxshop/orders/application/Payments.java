package dev.vertxshop.orders.application;

import dev.vertxshop.orders.domain.ChargeOutcome;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.PaymentMethod;
import io.vertx.core.Future;
import java.util.UUID;

/** The payments service as the orders service needs it: one charge per order, and its refund. */
public interface Payments {

  /**
   * Charges {@code amountCents} (positive) for {@code orderId}, which is the idempotency key. Never
   * fails: a missing or unusable answer is {@link ChargeOutcome.Unknown}.
   */
  Future<ChargeOutcome> charge(UUID orderId, long amountCents, PaymentMethod method);

  /**
   * Refunds the order's charge in full. Idempotent, and an order without a charge gets a voided one,
   * so it is safe for a charge whose outcome was unknown. Never fails: a missing answer is {@link
   * CompensationOutcome.Unknown}.
   */
  Future<CompensationOutcome> refund(UUID orderId);
}
