package dev.vertxshop.orders.domain;

/** What payments answered to "charge this order's total". */
public sealed interface ChargeOutcome {

  StepOutcome toStepOutcome();

  /** The money was taken (now or by an earlier call with the same order id). */
  record Charged(long amountCents) implements ChargeOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Succeeded("charged " + amountCents);
    }
  }

  /** The card was declined, e.g. {@code card_declined} or {@code insufficient_funds}. */
  record Declined(String declineReason) implements ChargeOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.PAYMENT_DECLINED, declineReason), "declined");
    }
  }

  /** The order's charge was already refunded or voided (a compensation got there first). */
  record Voided(String chargeStatus) implements ChargeOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.PAYMENT_VOIDED), "charge already " + chargeStatus);
    }
  }

  /** A 4xx problem: payments refused the request. */
  record Refused(String problemType, String detail) implements ChargeOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Failed(RejectionReason.of(RejectionReason.Code.PAYMENTS_REFUSED, problemType), detail);
    }
  }

  /** No usable answer: the money may or may not have been taken. */
  record Unknown(String detail) implements ChargeOutcome {
    @Override
    public StepOutcome toStepOutcome() {
      return new StepOutcome.Unknown(RejectionReason.of(RejectionReason.Code.PAYMENTS_UNAVAILABLE), detail);
    }
  }
}
