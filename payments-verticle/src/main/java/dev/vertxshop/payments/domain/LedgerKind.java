package dev.vertxshop.payments.domain;

/** What a ledger entry records: money taken for an order, or given back. */
public enum LedgerKind {
  CHARGE,
  REFUND
}
