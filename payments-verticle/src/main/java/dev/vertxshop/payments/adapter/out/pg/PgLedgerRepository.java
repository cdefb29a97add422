package dev.vertxshop.payments.adapter.out.pg;

import dev.vertxshop.payments.application.LedgerRepository;
import dev.vertxshop.payments.domain.LedgerSummary;
import dev.vertxshop.payments.domain.Money;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

/** Totals over {@code payments.ledger}. */
public final class PgLedgerRepository implements LedgerRepository {

  private static final String SUMMARY = "SELECT"
      + " count(*) FILTER (WHERE kind = 'CHARGE') AS charges,"
      + " COALESCE(sum(amount_cents) FILTER (WHERE kind = 'CHARGE'), 0)::bigint AS charged_cents,"
      + " count(*) FILTER (WHERE kind = 'REFUND') AS refunds,"
      + " COALESCE(sum(amount_cents) FILTER (WHERE kind = 'REFUND'), 0)::bigint AS refunded_cents"
      + " FROM payments.ledger";

  private final Pool pool;

  public PgLedgerRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<LedgerSummary> summary() {
    return pool.preparedQuery(SUMMARY).execute().map(rows -> toSummary(rows.iterator().next()));
  }

  private static LedgerSummary toSummary(Row row) {
    return new LedgerSummary(
        row.getLong("charges"),
        Money.ofCents(row.getLong("charged_cents")),
        row.getLong("refunds"),
        Money.ofCents(row.getLong("refunded_cents")));
  }
}
