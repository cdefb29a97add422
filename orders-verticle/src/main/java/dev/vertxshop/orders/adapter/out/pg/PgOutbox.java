package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.application.OutboxCounts;
import dev.vertxshop.orders.application.OutboxEvent;
import dev.vertxshop.orders.application.OutboxStore;
import dev.vertxshop.orders.application.RelayedBatch;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The outbox in {@code orders.outbox}. Rows are written by {@link PgSagaRepository} in the statement
 * that ends a saga; this adapter claims, marks and prunes them.
 */
public final class PgOutbox implements OutboxStore {

  /*
   * The claimed rows stay locked until the transaction ends, and another relay's claim skips them,
   * so two relays never publish the same event at once; a relay that dies mid-pass releases them
   * with its connection, and they are claimed again.
   */
  private static final String CLAIM = """
      SELECT id, order_id, type, payload, traceparent, created_at FROM orders.outbox
      WHERE published_at IS NULL
      ORDER BY created_at, id
      LIMIT $1
      FOR UPDATE SKIP LOCKED
      """;

  private static final String MARK_PUBLISHED = "UPDATE orders.outbox SET published_at = $2 WHERE id = ANY($1::uuid[])";

  private static final String PRUNE = """
      DELETE FROM orders.outbox
      WHERE id IN (SELECT id FROM orders.outbox WHERE published_at < $1 ORDER BY published_at LIMIT $2)
      """;

  private static final String COUNTS = """
      SELECT pending.n AS pending, pending.oldest AS oldest_pending_at, published.n AS published
      FROM (SELECT count(*) AS n, min(created_at) AS oldest FROM orders.outbox WHERE published_at IS NULL) pending,
           (SELECT count(*) AS n FROM orders.outbox WHERE published_at IS NOT NULL) published
      """;

  private final Pool pool;

  public PgOutbox(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<RelayedBatch> relayPending(int limit, Function<List<OutboxEvent>, Future<RelayedBatch>> publish) {
    return pool.withTransaction(connection -> connection.preparedQuery(CLAIM).execute(Tuple.of(limit))
        .compose(rows -> {
          List<OutboxEvent> claimed = new ArrayList<>(rows.size());
          rows.forEach(row -> claimed.add(toEvent(row)));
          return publish.apply(claimed).compose(batch -> markPublished(connection, batch));
        }));
  }

  private static Future<RelayedBatch> markPublished(SqlConnection connection, RelayedBatch batch) {
    if (batch.published().isEmpty()) {
      return Future.succeededFuture(batch);
    }
    Tuple params = Tuple.of(batch.published().toArray(UUID[]::new), Timestamps.toDb(batch.publishedAt()));
    return connection.preparedQuery(MARK_PUBLISHED).execute(params).map(batch);
  }

  @Override
  public Future<Integer> prune(Instant publishedBefore, int limit) {
    return pool.preparedQuery(PRUNE).execute(Tuple.of(Timestamps.toDb(publishedBefore), limit)).map(rows -> rows.rowCount());
  }

  @Override
  public Future<OutboxCounts> counts() {
    return pool.query(COUNTS).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new OutboxCounts(row.getLong("pending"), Timestamps.fromDb(row, "oldest_pending_at"), row.getLong("published"));
    });
  }

  private static OutboxEvent toEvent(Row row) {
    Object payload = row.getValue("payload");
    JsonObject data = payload instanceof JsonObject json ? json : new JsonObject(String.valueOf(payload));
    return new OutboxEvent(
        row.getUUID("id"),
        row.getUUID("order_id"),
        row.getString("type"),
        data,
        Timestamps.fromDb(row, "created_at"),
        row.getString("traceparent"));
  }
}
