package dev.vertxshop.payments.application;

import dev.vertxshop.payments.domain.LedgerSummary;
import io.vertx.core.Future;

/** Read access to the ledger of charges and refunds. */
public interface LedgerRepository {

  Future<LedgerSummary> summary();
}
