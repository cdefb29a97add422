package dev.vertxshop.payments.domain;

/**
 * Where a charge stands. A charge is created SUCCEEDED or DECLINED by a charge request, or VOIDED
 * by a refund that arrived before any charge; the only later transition is SUCCEEDED to REFUNDED.
 */
public enum ChargeStatus {
  /** The money was taken. */
  SUCCEEDED,
  /** The card network or fraud screening said no; no money moved. */
  DECLINED,
  /** The money was taken and given back. */
  REFUNDED,
  /** The order was called off before it was charged; it will never be charged. */
  VOIDED;

  /** The status after a full refund: only a SUCCEEDED charge changes, the others stay as they are. */
  public ChargeStatus afterRefund() {
    return this == SUCCEEDED ? REFUNDED : this;
  }

  /** Whether money is held for the order, so a refund has something to give back. */
  public boolean holdsMoney() {
    return this == SUCCEEDED;
  }
}
