package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomesTest {

  @Test
  void reserveOutcomesBecomeStepOutcomesWithReadableReasons() {
    assertThat(new ReserveOutcome.Reserved(List.of(new OrderItem("a", 2, 5)), 10).toStepOutcome()).isInstanceOf(StepOutcome.Succeeded.class);
    assertThat(reason(new ReserveOutcome.Insufficient("sku-9").toStepOutcome())).isEqualTo("insufficient-stock: sku-9");
    assertThat(reason(new ReserveOutcome.Insufficient(null).toStepOutcome())).isEqualTo("insufficient-stock");
    assertThat(reason(new ReserveOutcome.UnknownProduct("gone").toStepOutcome())).isEqualTo("unknown-product: gone");
    assertThat(reason(new ReserveOutcome.Cancelled().toStepOutcome())).isEqualTo("reservation-cancelled");
    assertThat(reason(new ReserveOutcome.Refused("validation-failed", "bad").toStepOutcome())).isEqualTo("inventory-refused: validation-failed");
    assertThat(new ReserveOutcome.Unknown("timeout").toStepOutcome())
        .isEqualTo(new StepOutcome.Unknown(RejectionReason.of(RejectionReason.Code.INVENTORY_UNAVAILABLE), "timeout"));
  }

  @Test
  void chargeOutcomesBecomeStepOutcomesWithReadableReasons() {
    assertThat(new ChargeOutcome.Charged(10).toStepOutcome()).isInstanceOf(StepOutcome.Succeeded.class);
    assertThat(reason(new ChargeOutcome.Declined("card_declined").toStepOutcome())).isEqualTo("payment-declined: card_declined");
    assertThat(reason(new ChargeOutcome.Voided("REFUNDED").toStepOutcome())).isEqualTo("payment-voided");
    assertThat(reason(new ChargeOutcome.Refused("validation-failed", "bad").toStepOutcome())).isEqualTo("payments-refused: validation-failed");
    assertThat(new ChargeOutcome.Unknown("503").toStepOutcome()).isInstanceOf(StepOutcome.Unknown.class);
    assertThat(reason(new ChargeOutcome.Unknown("503").toStepOutcome())).isEqualTo("payments-unavailable");
  }

  @Test
  void aReservationWhoseTotalIsNotTheSumOfItsItemsIsNotBelieved() {
    assertThatThrownBy(() -> new ReserveOutcome.Reserved(List.of(new OrderItem("a", 2, 5)), 11))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reasonsReadBackFromTheirText() {
    for (RejectionReason reason : List.of(
        RejectionReason.of(RejectionReason.Code.INSUFFICIENT_STOCK, "sku: with colon"),
        RejectionReason.of(RejectionReason.Code.CONFIRMATION_FAILED),
        RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, "insufficient_funds"))) {
      assertThat(RejectionReason.parse(reason.text())).isEqualTo(reason);
    }
    assertThatThrownBy(() -> RejectionReason.parse("made-up")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void retryDelaysDoubleUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(Duration.ofMillis(500), Duration.ofSeconds(3));

    assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.delayAfter(4)).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.delayAfter(1000)).isEqualTo(Duration.ofSeconds(3));
  }

  private static String reason(StepOutcome outcome) {
    if (outcome instanceof StepOutcome.Unknown unknown) {
      return unknown.reason().text();
    }
    return ((StepOutcome.Failed) outcome).reason().text();
  }
}
