package dev.vertxshop.payments.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one charge of an order. It keeps the last four digits of the card, never the number.
 *
 * <p>Invariants: a DECLINED charge has a decline reason and no other has; a VOIDED charge moved no
 * money (amount zero, no card), every other charge has a positive amount and a card.
 */
public record Charge(
    UUID chargeId,
    OrderId orderId,
    Money amount,
    ChargeStatus status,
    DeclineReason declineReason,
    String cardLast4,
    Instant createdAt,
    Instant updatedAt) {

  private static final Pattern LAST4 = Pattern.compile("[0-9]{4}");

  public Charge {
    Objects.requireNonNull(chargeId, "charge id");
    Objects.requireNonNull(orderId, "order id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "created at");
    Objects.requireNonNull(updatedAt, "updated at");
    if ((status == ChargeStatus.DECLINED) != (declineReason != null)) {
      throw new IllegalArgumentException("A charge has a decline reason exactly when it is DECLINED");
    }
    if (status == ChargeStatus.VOIDED) {
      if (amount.isPositive() || cardLast4 != null) {
        throw new IllegalArgumentException("A VOIDED charge has no amount and no card");
      }
    } else {
      if (!amount.isPositive()) {
        throw new IllegalArgumentException("A " + status + " charge has a positive amount");
      }
      if (cardLast4 == null || !LAST4.matcher(cardLast4).matches()) {
        throw new IllegalArgumentException("A " + status + " charge keeps the last four digits of its card");
      }
    }
    if (updatedAt.isBefore(createdAt)) {
      throw new IllegalArgumentException("A charge cannot be updated before it was created");
    }
  }

  /** A new charge as the card network (or fraud screening) answered it. */
  public static Charge authorized(
      UUID chargeId, OrderId orderId, Money amount, CardDetails card, Authorization authorization, Instant now) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(authorization, "authorization");
    ChargeStatus status = authorization.approved() ? ChargeStatus.SUCCEEDED : ChargeStatus.DECLINED;
    return new Charge(chargeId, orderId, amount, status, authorization.declineReason(), card.last4(), now, now);
  }

  /** The charge of an order that was called off before it was charged. */
  public static Charge voided(UUID chargeId, OrderId orderId, Instant now) {
    return new Charge(chargeId, orderId, Money.ZERO, ChargeStatus.VOIDED, null, null, now, now);
  }

  public Optional<DeclineReason> decline() {
    return Optional.ofNullable(declineReason);
  }

  public Optional<String> card() {
    return Optional.ofNullable(cardLast4);
  }

  /** The ledger entry written together with a new charge: money taken when it SUCCEEDED. */
  public Optional<LedgerEntry> openingEntry() {
    return status.holdsMoney()
        ? Optional.of(new LedgerEntry(orderId, LedgerKind.CHARGE, amount, createdAt))
        : Optional.empty();
  }

  /** A full refund: a SUCCEEDED charge becomes REFUNDED and gives its amount back; others stay. */
  public ChargeChange refund(Instant now) {
    ChargeStatus next = status.afterRefund();
    if (next == status) {
      return new ChargeChange.Unchanged(this);
    }
    Charge refunded = new Charge(chargeId, orderId, amount, next, null, cardLast4, createdAt, later(now));
    LedgerEntry moneyBack = new LedgerEntry(orderId, LedgerKind.REFUND, amount, refunded.updatedAt());
    return new ChargeChange.Refunded(refunded, moneyBack);
  }

  // A clock that steps back (NTP) must not make the record contradict itself.
  private Instant later(Instant now) {
    return now.isBefore(createdAt) ? createdAt : now;
  }
}
