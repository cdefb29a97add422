package dev.vertxshop.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChargeTest {

  private static final Instant CREATED = Instant.parse("2025-03-01T10:00:00Z");
  private static final Instant LATER = Instant.parse("2025-03-01T11:30:00Z");
  private static final OrderId ORDER = OrderId.of("order-17");
  private static final CardDetails VISA = CardDetails.of("4242424242424242");

  private static Charge succeeded() {
    return Charge.authorized(UUID.randomUUID(), ORDER, Money.positive(2599), VISA, Authorization.approve(), CREATED);
  }

  private static Charge declined(DeclineReason reason) {
    return Charge.authorized(UUID.randomUUID(), ORDER, Money.positive(2599), VISA, Authorization.decline(reason), CREATED);
  }

  @Test
  void anApprovedChargeSucceedsKeepsOnlyTheLastFourDigitsAndOpensALedgerEntry() {
    Charge charge = succeeded();

    assertThat(charge.status()).isEqualTo(ChargeStatus.SUCCEEDED);
    assertThat(charge.cardLast4()).isEqualTo("4242");
    assertThat(charge.decline()).isEmpty();
    assertThat(charge.openingEntry()).contains(new LedgerEntry(ORDER, LedgerKind.CHARGE, Money.ofCents(2599), CREATED));
  }

  @Test
  void aDeclinedChargeKeepsItsReasonAndMovesNoMoney() {
    Charge charge = declined(DeclineReason.INSUFFICIENT_FUNDS);

    assertThat(charge.status()).isEqualTo(ChargeStatus.DECLINED);
    assertThat(charge.decline()).contains(DeclineReason.INSUFFICIENT_FUNDS);
    assertThat(charge.openingEntry()).isEmpty();
  }

  @Test
  void aVoidedChargeHasNoAmountNoCardAndMovesNoMoney() {
    Charge charge = Charge.voided(UUID.randomUUID(), ORDER, CREATED);

    assertThat(charge.status()).isEqualTo(ChargeStatus.VOIDED);
    assertThat(charge.amount()).isEqualTo(Money.ZERO);
    assertThat(charge.card()).isEmpty();
    assertThat(charge.openingEntry()).isEmpty();
  }

  @Test
  void refundingASucceededChargeGivesTheWholeAmountBack() {
    Charge charge = succeeded();

    ChargeChange change = charge.refund(LATER);

    assertThat(change).isInstanceOf(ChargeChange.Refunded.class);
    ChargeChange.Refunded refunded = (ChargeChange.Refunded) change;
    assertThat(refunded.charge().status()).isEqualTo(ChargeStatus.REFUNDED);
    assertThat(refunded.charge().chargeId()).isEqualTo(charge.chargeId());
    assertThat(refunded.charge().createdAt()).isEqualTo(CREATED);
    assertThat(refunded.charge().updatedAt()).isEqualTo(LATER);
    assertThat(refunded.entry()).isEqualTo(new LedgerEntry(ORDER, LedgerKind.REFUND, Money.ofCents(2599), LATER));
  }

  @Test
  void refundingARefundedChargeChangesNothing() {
    Charge refunded = succeeded().refund(LATER).charge();

    assertThat(refunded.refund(LATER.plusSeconds(60))).isEqualTo(new ChargeChange.Unchanged(refunded));
  }

  @Test
  void refundingADeclinedChargeChangesNothing() {
    Charge charge = declined(DeclineReason.CARD_DECLINED);

    assertThat(charge.refund(LATER)).isEqualTo(new ChargeChange.Unchanged(charge));
  }

  @Test
  void refundingAVoidedChargeChangesNothing() {
    Charge charge = Charge.voided(UUID.randomUUID(), ORDER, CREATED);

    assertThat(charge.refund(LATER)).isEqualTo(new ChargeChange.Unchanged(charge));
  }

  @Test
  void refundingAnOrderWithoutChargeVoidsIt() {
    UUID voidedId = UUID.randomUUID();

    ChargeChange change = ChargeChange.ofRefund(ORDER, Optional.empty(), voidedId, LATER);

    assertThat(change).isEqualTo(new ChargeChange.Voided(Charge.voided(voidedId, ORDER, LATER)));
  }

  @Test
  void refundingAnOrderWithAChargeRefundsThatCharge() {
    Charge charge = succeeded();

    ChargeChange change = ChargeChange.ofRefund(ORDER, Optional.of(charge), UUID.randomUUID(), LATER);

    assertThat(change.charge().chargeId()).isEqualTo(charge.chargeId());
    assertThat(change.charge().status()).isEqualTo(ChargeStatus.REFUNDED);
  }

  @Test
  void aClockThatStepsBackCannotDateARefundBeforeTheCharge() {
    Charge charge = succeeded();

    Charge refunded = charge.refund(CREATED.minusSeconds(5)).charge();

    assertThat(refunded.updatedAt()).isEqualTo(CREATED);
  }

  @Test
  void rejectsADeclinedChargeWithoutReasonAndAReasonOnAnyOtherCharge() {
    UUID id = UUID.randomUUID();
    Money amount = Money.ofCents(100);
    assertThatThrownBy(() -> new Charge(id, ORDER, amount, ChargeStatus.DECLINED, null, "4242", CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Charge(
        id, ORDER, amount, ChargeStatus.SUCCEEDED, DeclineReason.CARD_DECLINED, "4242", CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAChargeThatMovesNoMoneyUnlessVoided() {
    UUID id = UUID.randomUUID();
    assertThatThrownBy(() -> new Charge(id, ORDER, Money.ZERO, ChargeStatus.SUCCEEDED, null, "4242", CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Charge(id, ORDER, Money.ofCents(5), ChargeStatus.VOIDED, null, null, CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsSomethingOtherThanFourDigitsAsTheCard() {
    UUID id = UUID.randomUUID();
    Money amount = Money.ofCents(100);
    assertThatThrownBy(() -> new Charge(
        id, ORDER, amount, ChargeStatus.SUCCEEDED, null, "4242424242424242", CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Charge(id, ORDER, amount, ChargeStatus.SUCCEEDED, null, null, CREATED, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAnUpdateBeforeTheCreation() {
    assertThatThrownBy(() -> new Charge(
        UUID.randomUUID(), ORDER, Money.ofCents(1), ChargeStatus.SUCCEEDED, null, "4242", CREATED, CREATED.minusMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRefundChangeMustGiveBackTheWholeAmount() {
    Charge refunded = succeeded().refund(LATER).charge();
    LedgerEntry partial = new LedgerEntry(ORDER, LedgerKind.REFUND, Money.ofCents(1), LATER);

    assertThatThrownBy(() -> new ChargeChange.Refunded(refunded, partial)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aLedgerEntryMovesAPositiveAmount() {
    assertThatThrownBy(() -> new LedgerEntry(ORDER, LedgerKind.CHARGE, Money.ZERO, CREATED))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
