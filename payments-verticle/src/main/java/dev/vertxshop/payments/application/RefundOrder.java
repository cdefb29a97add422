package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeChange;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Refunds an order's charge in full; repeating it changes nothing. Refunding an order that was
 * never charged voids it, so a charge request that arrives late (a saga compensating before its
 * charge step landed) charges nothing.
 */
public final class RefundOrder {

  private final ChargeRepository charges;
  private final Clock clock;
  private final Supplier<UUID> chargeIds;

  public RefundOrder(ChargeRepository charges, Clock clock, Supplier<UUID> chargeIds) {
    this.charges = Objects.requireNonNull(charges);
    this.clock = Objects.requireNonNull(clock);
    this.chargeIds = Objects.requireNonNull(chargeIds);
  }

  public Future<Charge> refund(OrderId orderId) {
    UUID voidedChargeId = chargeIds.get();
    return charges.change(orderId, current -> ChargeChange.ofRefund(orderId, current, voidedChargeId, now()));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
