package dev.vertxshop.payments.adapter.out.pg;

import dev.vertxshop.payments.application.FailOpenDecisions;
import dev.vertxshop.payments.domain.FailOpenDecision;
import dev.vertxshop.payments.domain.FailOpenReport;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** The fail-open decisions in {@code payments.fraud_fail_open}, written by {@link PgChargeRepository}. */
public final class PgFailOpenDecisions implements FailOpenDecisions {

  // One statement reads one snapshot, so the count is never below the decisions listed. Without
  // any decision the row of the count comes back alone, with nulls for the decision.
  private static final String REPORT = "SELECT total.n, latest.order_id, latest.amount_cents, latest.reason, latest.decided_at"
      + " FROM (SELECT count(*) AS n FROM payments.fraud_fail_open) total"
      + " LEFT JOIN LATERAL (SELECT order_id, amount_cents, reason, decided_at FROM payments.fraud_fail_open"
      + " ORDER BY decided_at DESC, order_id LIMIT $1) latest ON true"
      + " ORDER BY latest.decided_at DESC, latest.order_id";

  private final Pool pool;

  public PgFailOpenDecisions(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<FailOpenReport> report(int latest) {
    return pool.preparedQuery(REPORT).execute(Tuple.of(latest)).map(PgFailOpenDecisions::toReport);
  }

  private static FailOpenReport toReport(RowSet<Row> rows) {
    long count = 0;
    List<FailOpenDecision> decisions = new ArrayList<>();
    for (Row row : rows) {
      count = row.getLong("n");
      String orderId = row.getString("order_id");
      if (orderId != null) {
        decisions.add(new FailOpenDecision(
            OrderId.of(orderId),
            Money.ofCents(row.getLong("amount_cents")),
            row.getString("reason"),
            row.getOffsetDateTime("decided_at").toInstant()));
      }
    }
    return new FailOpenReport(count, decisions);
  }
}
