package dev.vertxshop.payments.domain;

import java.util.Objects;

/** Totals over the whole ledger. */
public record LedgerSummary(long charges, Money charged, long refunds, Money refunded) {

  public LedgerSummary {
    Objects.requireNonNull(charged, "charged");
    Objects.requireNonNull(refunded, "refunded");
    if (charges < 0 || refunds < 0) {
      throw new IllegalArgumentException("Entry counts are never negative");
    }
  }

  /** What the shop keeps: charged minus refunded, in cents. */
  public long netCents() {
    return charged.centsMinus(refunded);
  }
}
