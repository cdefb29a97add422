package dev.vertxshop.payments.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.ChargeStatus;
import dev.vertxshop.payments.domain.LedgerKind;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundOrderTest {

  private static final Instant CHARGED = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant NOW = Instant.parse("2025-03-02T08:00:00Z");
  private static final OrderId ORDER = OrderId.of("order-9");

  private final InMemoryChargeRepository charges = new InMemoryChargeRepository();
  private final UUID voidedId = UUID.randomUUID();
  private final RefundOrder refundOrder = new RefundOrder(charges, Clock.fixed(NOW, ZoneOffset.UTC), () -> voidedId);

  @Test
  void refundsASucceededChargeOnceWhateverHowOftenItIsAsked() {
    Charge charge = Charge.authorized(
        UUID.randomUUID(), ORDER, Money.positive(1200), CardDetails.of("4242424242424242"), Authorization.approve(), CHARGED);
    charges.recordFirst(charge);

    Charge first = refundOrder.refund(ORDER).result();
    Charge second = refundOrder.refund(ORDER).result();

    assertThat(first.status()).isEqualTo(ChargeStatus.REFUNDED);
    assertThat(second).isEqualTo(first);
    assertThat(charges.ledger).extracting(entry -> entry.kind()).containsExactly(LedgerKind.CHARGE, LedgerKind.REFUND);
  }

  @Test
  void voidsAnOrderThatWasNeverCharged() {
    Charge voided = refundOrder.refund(ORDER).result();

    assertThat(voided).isEqualTo(Charge.voided(voidedId, ORDER, NOW));
    assertThat(charges.ledger).isEmpty();
  }
}
