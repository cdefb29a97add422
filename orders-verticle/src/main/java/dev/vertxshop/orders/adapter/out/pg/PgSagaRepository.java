package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.application.RecordedStep;
import dev.vertxshop.orders.application.SagaConflictException;
import dev.vertxshop.orders.application.SagaRepository;
import dev.vertxshop.orders.application.SagaSummary;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.SagaStep;
import dev.vertxshop.orders.domain.StepAction;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.orders.domain.StepStatus;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sagas in {@code orders.sagas} with their step log in {@code orders.saga_steps}. Each record is a
 * single statement (data-modifying CTEs), so it is atomic and costs one round trip; its saga update
 * is guarded by the version and by the lease (held by the writer, or by nobody), and the other parts
 * (the step-log line, stored as driven by the writer's lease owner; the order's new state; the event
 * in {@code orders.outbox} of the write that ends the saga) only happen when that update did.
 */
public final class PgSagaRepository implements SagaRepository {

  private static final String SAGA_AND_STEP = """
      WITH saga AS (
        UPDATE orders.sagas
        SET state = $2, current_step = $3, attempts = $4, failure_reason = $5, next_attempt_at = $6,
            updated_at = $7, version = version + 1, lease_owner = $15, lease_expires_at = $16
        WHERE order_id = $1 AND version = $8 AND (lease_owner IS NULL OR lease_owner = $14)
        RETURNING version
      ), step AS (
        INSERT INTO orders.saga_steps (order_id, step, action, status, detail, at, driven_by)
        SELECT $1::uuid, $9::text, $10::text, $11::text, $12::text, $13::timestamptz, $14::text FROM saga
      )
      """;

  private static final String ORDER_UPDATE = """
      , updated_order AS (
        UPDATE orders.orders
        SET status = $17, reason = $18, total_cents = $19, updated_at = $20
        WHERE id = $1 AND EXISTS (SELECT 1 FROM saga)
      ), repriced_items AS (
        UPDATE orders.order_items AS item
        SET unit_price_cents = priced.unit_price_cents
        FROM unnest($21::text[], $22::bigint[]) AS priced (product_id, unit_price_cents)
        WHERE item.order_id = $1 AND item.product_id = priced.product_id
          AND item.unit_price_cents <> priced.unit_price_cents
          AND EXISTS (SELECT 1 FROM saga)
      )
      """;

  /* The event of the write that ends the saga: stored only when the saga update happened. */
  private static final String OUTBOX_INSERT = """
      , event AS (
        INSERT INTO orders.outbox (id, order_id, type, payload, created_at, traceparent)
        SELECT $23::uuid, $1::uuid, $24::text, $25::jsonb, $26::timestamptz, $27::text FROM saga
      )
      """;

  private static final String RETURNING = "SELECT version FROM saga";
  private static final String RECORD = SAGA_AND_STEP + RETURNING;
  private static final String RECORD_WITH_ORDER = SAGA_AND_STEP + ORDER_UPDATE + RETURNING;
  private static final String RECORD_SETTLING = SAGA_AND_STEP + ORDER_UPDATE + OUTBOX_INSERT + RETURNING;

  private static final String COLUMNS =
      "order_id, state, current_step, attempts, failure_reason, next_attempt_at, created_at, updated_at, version";

  private static final String FIND = "SELECT " + COLUMNS + " FROM orders.sagas WHERE order_id = $1";

  /*
   * Locks the due rows it picks and skips rows locked by another claimer, in the same statement
   * that takes their lease, so two claimers never get the same saga. A row that another claimer
   * took and committed meanwhile is re-checked by PostgreSQL against the conditions and dropped,
   * since its lease is then live.
   */
  private static final String CLAIM = """
      WITH due AS (
        SELECT order_id FROM orders.sagas
        WHERE state IN ('RUNNING', 'COMPENSATING')
          AND (lease_expires_at IS NULL OR lease_expires_at <= $2)
          AND (next_attempt_at IS NULL OR next_attempt_at <= $2)
        ORDER BY next_attempt_at NULLS FIRST, updated_at
        LIMIT $4
        FOR UPDATE SKIP LOCKED
      )
      UPDATE orders.sagas AS s
      SET lease_owner = $1, lease_expires_at = $3, version = s.version + 1
      FROM due WHERE s.order_id = due.order_id
      RETURNING s.order_id, s.state, s.current_step, s.attempts, s.failure_reason, s.next_attempt_at, s.created_at,
                s.updated_at, s.version
      """;

  private static final String RELEASE = """
      UPDATE orders.sagas
      SET state = $2, current_step = $3, attempts = $4, failure_reason = $5, next_attempt_at = $6, updated_at = $7,
          version = version + 1, lease_owner = NULL, lease_expires_at = NULL
      WHERE order_id = $1 AND version = $8
      RETURNING version
      """;

  private static final String LIST = """
      SELECT s.order_id, s.state, s.current_step, s.attempts, s.failure_reason, s.next_attempt_at, s.created_at,
             s.updated_at, s.version, last_failure.detail AS last_error
      FROM orders.sagas s
      LEFT JOIN LATERAL (
        SELECT detail FROM orders.saga_steps WHERE order_id = s.order_id AND status = 'FAILED' ORDER BY id DESC LIMIT 1
      ) last_failure ON true
      WHERE s.state = $1
      ORDER BY s.updated_at, s.order_id
      LIMIT $2
      """;

  private static final String COUNTS = "SELECT state, count(*) AS n FROM orders.sagas GROUP BY state";

  private static final String STEPS = """
      SELECT order_id, step, action, status, detail, at, driven_by FROM orders.saga_steps WHERE order_id = $1 ORDER BY id
      """;

  private final Pool pool;

  public PgSagaRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Saga> record(Saga saga, StepLogEntry entry, Optional<Order> order, Optional<OrderSettled> settled, Lease lease) {
    if (!entry.orderId().equals(saga.orderId()) || order.isPresent() && !order.get().id().equals(saga.orderId())) {
      return Future.failedFuture(new IllegalArgumentException("saga " + saga.orderId() + " recorded with another order's data"));
    }
    try {
      SagaRepository.requireSettlementMatches(saga, order, settled);
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    Tuple params = sagaColumns(saga)
        .addValue(entry.step().name())
        .addValue(entry.action().name())
        .addValue(entry.status().name())
        .addValue(entry.detail())
        .addValue(Timestamps.toDb(entry.at()));
    // A saga that is over or parked is driven by nobody, so it keeps no lease.
    Lease kept = saga.state().isActive() ? lease : null;
    params.addValue(lease == null ? null : lease.owner())
        .addValue(kept == null ? null : kept.owner())
        .addValue(kept == null ? null : Timestamps.toDb(kept.expiresAt()));
    order.ifPresent(changed -> params
        .addValue(changed.status().name())
        .addValue(changed.reason() == null ? null : changed.reason().text())
        .addValue(changed.totalCents())
        .addValue(Timestamps.toDb(changed.updatedAt()))
        .addValue(changed.items().stream().map(OrderItem::productId).toArray(String[]::new))
        .addValue(changed.items().stream().map(OrderItem::unitPriceCents).toArray(Long[]::new)));
    settled.ifPresent(event -> params
        .addValue(event.eventId())
        .addValue(OrderEventJson.type(event))
        .addValue(OrderEventJson.data(event))
        .addValue(Timestamps.toDb(event.at()))
        // The trace of the saga write, continued by the relay's publish and the consumers.
        .addValue(Tracing.traceparent()));
    String statement = settled.isPresent() ? RECORD_SETTLING : order.isPresent() ? RECORD_WITH_ORDER : RECORD;
    return pool.preparedQuery(statement)
        .execute(params)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(saga.withVersion(rows.iterator().next().getLong("version")))
            : Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version())));
  }

  /** The saga's own columns, as the first eight parameters of RECORD, RECORD_WITH_ORDER and RELEASE. */
  private static Tuple sagaColumns(Saga saga) {
    return Tuple.tuple()
        .addValue(saga.orderId())
        .addValue(saga.state().name())
        .addValue(saga.step().name())
        .addValue(saga.attempts())
        .addValue(saga.failureReason() == null ? null : saga.failureReason().text())
        .addValue(Timestamps.toDb(saga.nextAttemptAt()))
        .addValue(Timestamps.toDb(saga.updatedAt()))
        .addValue(saga.version());
  }

  @Override
  public Future<List<Saga>> claimDue(Lease lease, Instant now, int limit) {
    Tuple params = Tuple.of(lease.owner(), Timestamps.toDb(now), Timestamps.toDb(lease.expiresAt()), limit);
    return pool.preparedQuery(CLAIM).execute(params).map(rows -> {
      List<Saga> claimed = new ArrayList<>();
      rows.forEach(row -> claimed.add(toSaga(row)));
      return claimed;
    });
  }

  @Override
  public Future<Saga> release(Saga saga) {
    Tuple params = sagaColumns(saga);
    return pool.preparedQuery(RELEASE).execute(params)
        .compose(rows -> rows.size() == 1
            ? Future.succeededFuture(saga.withVersion(rows.iterator().next().getLong("version")))
            : Future.failedFuture(new SagaConflictException(saga.orderId(), saga.version())));
  }

  @Override
  public Future<List<SagaSummary>> list(SagaState state, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(state.name(), limit)).map(rows -> {
      List<SagaSummary> sagas = new ArrayList<>();
      rows.forEach(row -> sagas.add(new SagaSummary(toSaga(row), row.getString("last_error"))));
      return sagas;
    });
  }

  @Override
  public Future<Map<SagaState, Long>> countByState() {
    return pool.query(COUNTS).execute().map(rows -> {
      Map<SagaState, Long> counts = new EnumMap<>(SagaState.class);
      for (SagaState state : SagaState.values()) {
        counts.put(state, 0L);
      }
      rows.forEach(row -> counts.put(SagaState.valueOf(row.getString("state")), row.getLong("n")));
      return counts;
    });
  }

  @Override
  public Future<Optional<Saga>> sagaOf(UUID orderId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(orderId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSaga(rows.iterator().next())));
  }

  @Override
  public Future<List<RecordedStep>> stepsOf(UUID orderId) {
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

  private static List<RecordedStep> toEntries(RowSet<Row> rows) {
    List<RecordedStep> entries = new ArrayList<>();
    for (Row row : rows) {
      StepLogEntry entry = new StepLogEntry(
          row.getUUID("order_id"),
          SagaStep.valueOf(row.getString("step")),
          StepAction.valueOf(row.getString("action")),
          StepStatus.valueOf(row.getString("status")),
          row.getString("detail"),
          Timestamps.fromDb(row, "at"));
      entries.add(new RecordedStep(entry, row.getString("driven_by")));
    }
    return entries;
  }
}
