package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.FailOpenReport;
import dev.vertxshop.payments.domain.LedgerSummary;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/**
 * What can be read about payments: an order's charge, the ledger's totals and the payments that
 * went through without a fraud verdict.
 */
public final class PaymentQueries {

  private final ChargeRepository charges;
  private final LedgerRepository ledger;
  private final FailOpenDecisions failOpens;

  public PaymentQueries(ChargeRepository charges, LedgerRepository ledger, FailOpenDecisions failOpens) {
    this.charges = Objects.requireNonNull(charges);
    this.ledger = Objects.requireNonNull(ledger);
    this.failOpens = Objects.requireNonNull(failOpens);
  }

  public Future<Optional<Charge>> charge(OrderId orderId) {
    return charges.find(orderId);
  }

  public Future<LedgerSummary> ledgerSummary() {
    return ledger.summary();
  }

  /** The count of fail-open decisions and the {@code latest} newest, newest first. */
  public Future<FailOpenReport> failOpenDecisions(int latest) {
    if (latest < 1) {
      throw new IllegalArgumentException("List at least one decision, not " + latest);
    }
    return failOpens.report(latest);
  }
}
