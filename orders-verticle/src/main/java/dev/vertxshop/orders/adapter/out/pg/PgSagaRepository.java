package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.application.SagaConflictException;
import dev.vertxshop.orders.application.SagaRepository;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Sagas in {@code orders.sagas} with their step log in {@code orders.saga_steps}. Each record is a
 * single statement (data-modifying CTEs), so it is atomic and costs one round trip; its saga update
 * is guarded by the version, and the other parts only happen when that update did.
 */
public final class PgSagaRepository implements SagaRepository {

  private static final String SAGA_AND_STEP = """
      WITH saga AS (
        UPDATE orders.sagas
        SET state = $2, current_step = $3, attempts = $4, failure_reason = $5, next_attempt_at = $6,
            updated_at = $7, version = version + 1
        WHERE order_id = $1 AND version = $8
        RETURNING version
      ), step AS (
        INSERT INTO orders.saga_steps (order_id, step, action, status, detail, at)
        SELECT $1::uuid, $9::text, $10::text, $11::text, $12::text, $13::timestamptz FROM saga
      )
      """;

  private static final String RECORD = SAGA_AND_STEP + "SELECT version FROM saga";

  private static final String RECORD_WITH_ORDER = SAGA_AND_STEP + """
      , updated_order AS (
        UPDATE orders.orders
        SET status = $14, reason = $15, total_cents = $16, updated_at = $17
        WHERE id = $1 AND EXISTS (SELECT 1 FROM saga)
      ), repriced_items AS (
        UPDATE orders.order_items AS item
        SET unit_price_cents = priced.unit_price_cents
        FROM unnest($18::text[], $19::bigint[]) AS priced (product_id, unit_price_cents)
        WHERE item.order_id = $1 AND item.product_id = priced.product_id
          AND item.unit_price_cents <> priced.unit_price_cents
          AND EXISTS (SELECT 1 FROM saga)
      )
      SELECT version FROM saga
      """;

  private static final String FIND = """
      SELECT order_id, state, current_step, attempts, failure_reason, next_attempt_at, created_at, updated_at, version
      FROM orders.sagas WHERE order_id = $1
      """;

  private static final String STEPS = """
      SELECT order_id, step, action, status, detail, at FROM orders.saga_steps WHERE order_id = $1 ORDER BY id
      """;

  private final Pool pool;

  public PgSagaRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order) {
    if (!entry.orderId().equals(saga.orderId()) || order.isPresent() && !order.get().id().equals(saga.orderId())) {
      return Future.failedFuture(new IllegalArgumentException("saga " + saga.orderId() + " recorded with another order's data"));
    }
    Tuple params = Tuple.tuple()
        .addValue(saga.orderId())
        .addValue(saga.state().name())
        .addValue(saga.step().name())
        .addValue(saga.attempts())
        .addValue(saga.failureReason() == null ? null : saga.failureReason().text())
        .addValue(Timestamps.toDb(saga.nextAttemptAt()))
        .addValue(Timestamps.toDb(saga.updatedAt()))
        .addValue(saga.version())
        .addValue(entry.step().name())
        .addValue(entry.action().name())
        .addValue(entry.status().name())
        .addValue(entry.detail())
        .addValue(Timestamps.toDb(entry.at()));
    order.ifPresent(changed -> params
        .addValue(changed.status().name())
        .addValue(changed.reason() == null ? null : changed.reason().text())
        .addValue(changed.totalCents())
        .addValue(Timestamps.toDb(changed.updatedAt()))
        .addValue(changed.items().stream().map(OrderItem::productId).toArray(String[]::new))
        .addValue(changed.items().stream().map(OrderItem::unitPriceCents).toArray(Long[]::new)));
    return pool.preparedQuery(order.isPresent() ? RECORD_WITH_ORDER : RECORD)
        .execute(params)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(saga.withVersion(rows.iterator().next().getLong("version")))
            : Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version())));
  }

  @Override
  public Future<Optional<Saga>> sagaOf(UUID orderId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSaga(rows.iterator().next())));
  }

  @Override
  public Future<List<StepLogEntry>> stepsOf(UUID orderId) {
    return pool.preparedQuery(STEPS).execute(Tuple.of(orderId)).map(PgSagaRepository::toEntries);
  }

  private static Saga toSaga(Row row) {
    String reason = row.getString("failure_reason");
    return new Saga(
        row.getUUID("order_id"),
        SagaState.valueOf(row.getString("state")),
        SagaStep.valueOf(row.getString("current_step")),
        row.getInteger("attempts"),
        reason == null ? null : RejectionReason.parse(reason),
        Timestamps.fromDb(row, "next_attempt_at"),
        Timestamps.fromDb(row, "created_at"),
        Timestamps.fromDb(row, "updated_at"),
        row.getLong("version"));
  }

  private static List<StepLogEntry> toEntries(RowSet<Row> rows) {
    List<StepLogEntry> entries = new ArrayList<>();
    for (Row row : rows) {
      entries.add(new StepLogEntry(
          row.getUUID("order_id"),
          SagaStep.valueOf(row.getString("step")),
          StepAction.valueOf(row.getString("action")),
          StepStatus.valueOf(row.getString("status")),
          row.getString("detail"),
          Timestamps.fromDb(row, "at")));
    }
    return entries;
  }
}
