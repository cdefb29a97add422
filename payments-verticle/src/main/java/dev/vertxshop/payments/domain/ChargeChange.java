package dev.vertxshop.payments.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a refund request does to an order's charge, decided before anything is written, so that
 * storage applies it in one transaction.
 */
public sealed interface ChargeChange {

  /** The charge as it stands after the change. */
  Charge charge();

  /** Nothing to do: the charge is answered as it is. */
  record Unchanged(Charge charge) implements ChargeChange {
    public Unchanged {
      Objects.requireNonNull(charge, "charge");
    }
  }

  /** The charge became REFUNDED and {@code entry} gives its amount back. */
  record Refunded(Charge charge, LedgerEntry entry) implements ChargeChange {
    public Refunded {
      Objects.requireNonNull(charge, "charge");
      Objects.requireNonNull(entry, "entry");
      if (charge.status() != ChargeStatus.REFUNDED || entry.kind() != LedgerKind.REFUND
          || !entry.amount().equals(charge.amount()) || !entry.orderId().equals(charge.orderId())) {
        throw new IllegalArgumentException("A refund gives back the whole amount of a REFUNDED charge");
      }
    }
  }

  /** The order had no charge: a VOIDED one is recorded so that it is never charged later. */
  record Voided(Charge charge) implements ChargeChange {
    public Voided {
      Objects.requireNonNull(charge, "charge");
      if (charge.status() != ChargeStatus.VOIDED) {
        throw new IllegalArgumentException("A voiding change records a VOIDED charge");
      }
    }
  }

  /**
   * The effect of refunding {@code orderId} whose current charge is {@code current}: a SUCCEEDED
   * charge is refunded, any other charge is left alone, and a missing one is voided under {@code
   * voidedChargeId}.
   */
  static ChargeChange ofRefund(OrderId orderId, Optional<Charge> current, UUID voidedChargeId, Instant now) {
    return current
        .map(charge -> charge.refund(now))
        .orElseGet(() -> new Voided(Charge.voided(voidedChargeId, orderId, now)));
  }
}
