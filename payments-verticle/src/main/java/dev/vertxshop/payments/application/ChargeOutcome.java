package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import java.util.Objects;

/**
 * The result of a charge request: the order's charge, and whether this request created it
 * ({@code false}: the order had been charged, declined or voided before and nothing happened now).
 */
public record ChargeOutcome(Charge charge, boolean created) {

  public ChargeOutcome {
    Objects.requireNonNull(charge, "charge");
  }

  public static ChargeOutcome created(Charge charge) {
    return new ChargeOutcome(charge, true);
  }

  public static ChargeOutcome existing(Charge charge) {
    return new ChargeOutcome(charge, false);
  }
}
