package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.Charge;
import dev.vertxshop.payments.domain.LedgerSummary;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import java.util.Objects;
import java.util.Optional;

/** What can be read about payments: an order's charge and the ledger's totals. */
public final class PaymentQueries {

  private final ChargeRepository charges;
  private final LedgerRepository ledger;

  public PaymentQueries(ChargeRepository charges, LedgerRepository ledger) {
    this.charges = Objects.requireNonNull(charges);
    this.ledger = Objects.requireNonNull(ledger);
  }

  public Future<Optional<Charge>> charge(OrderId orderId) {
    return charges.find(orderId);
  }

  public Future<LedgerSummary> ledgerSummary() {
    return ledger.summary();
  }
}
