package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.application.OrderRepository;
import dev.vertxshop.orders.domain.IdempotencyKey;
import dev.vertxshop.orders.domain.IdempotencyRecord;
import dev.vertxshop.orders.domain.IdempotentRequest;
import dev.vertxshop.orders.domain.Lease;
import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.orders.domain.RejectionReason;
import dev.vertxshop.orders.domain.Saga;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Orders in {@code orders.orders} and {@code orders.order_items}, and the idempotency keys of the
 * requests that placed them in {@code orders.idempotency_keys}.
 */
public final class PgOrderRepository implements OrderRepository {

  /*
   * One statement, so the order, its items, its saga and its idempotency key are stored together or
   * not at all. The key's primary key decides between concurrent requests with one key: the first
   * insert wins, the others wait for it to commit and then find the key taken, so "go" is empty for
   * them and they store nothing. A key that has expired (stored before $22) is taken over.
   */
  private static final String CREATE = """
      WITH idempotency AS (
        INSERT INTO orders.idempotency_keys AS k (key, request_hash, order_id, created_at)
        SELECT $20::text, $21::text, $1::uuid, $7::timestamptz WHERE $20::text IS NOT NULL
        ON CONFLICT (key) DO UPDATE
          SET request_hash = EXCLUDED.request_hash, order_id = EXCLUDED.order_id, created_at = EXCLUDED.created_at
          WHERE k.created_at < $22::timestamptz
        RETURNING 1
      ), go AS (
        SELECT 1 WHERE $20::text IS NULL OR EXISTS (SELECT 1 FROM idempotency)
      ), new_order AS (
        INSERT INTO orders.orders (id, customer_id, email, status, reason, total_cents, created_at, updated_at)
        SELECT $1::uuid, $2::text, $3::text, $4::text, $5::text, $6::bigint, $7::timestamptz, $8::timestamptz FROM go
      ), new_items AS (
        INSERT INTO orders.order_items (order_id, line_no, product_id, quantity, unit_price_cents)
        SELECT $1::uuid, line.line_no, line.product_id, line.quantity, line.unit_price_cents
        FROM go, unnest($9::text[], $10::int[], $11::bigint[])
          WITH ORDINALITY AS line (product_id, quantity, unit_price_cents, line_no)
      )
      INSERT INTO orders.sagas (order_id, state, current_step, attempts, failure_reason, next_attempt_at,
                                created_at, updated_at, version, lease_owner, lease_expires_at)
      SELECT $1::uuid, $12::text, $13::text, $14::int, $15::text, $16::timestamptz, $17::timestamptz, $18::timestamptz,
             $19::bigint, $23::text, $24::timestamptz
      FROM go
      RETURNING order_id
      """;

  private static final String FIND_KEY = """
      SELECT key, request_hash, order_id, created_at FROM orders.idempotency_keys WHERE key = $1 AND created_at >= $2
      """;

  private static final String PRUNE_KEYS = """
      DELETE FROM orders.idempotency_keys
      WHERE key IN (SELECT key FROM orders.idempotency_keys WHERE created_at < $1 ORDER BY created_at LIMIT $2)
      """;

  private static final String FIND = """
      SELECT o.id, o.customer_id, o.email, o.status, o.reason, o.total_cents, o.created_at, o.updated_at,
             i.product_id, i.quantity, i.unit_price_cents
      FROM orders.orders o
      JOIN orders.order_items i ON i.order_id = o.id
      WHERE o.id = $1
      ORDER BY i.line_no
      """;

  private final Pool pool;

  public PgOrderRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> create(Order order, Saga saga, Lease lease, Optional<IdempotentRequest> idempotency, Instant liveSince) {
    if (!saga.orderId().equals(order.id())) {
      return Future.failedFuture(new IllegalArgumentException("saga " + saga.orderId() + " is not order " + order.id() + "'s"));
    }
    List<OrderItem> items = order.items();
    Tuple params = Tuple.tuple()
        .addValue(order.id())
        .addValue(order.customerId())
        .addValue(order.email())
        .addValue(order.status().name())
        .addValue(order.reason() == null ? null : order.reason().text())
        .addValue(order.totalCents())
        .addValue(Timestamps.toDb(order.createdAt()))
        .addValue(Timestamps.toDb(order.updatedAt()))
        .addValue(items.stream().map(OrderItem::productId).toArray(String[]::new))
        .addValue(items.stream().map(OrderItem::quantity).toArray(Integer[]::new))
        .addValue(items.stream().map(OrderItem::unitPriceCents).toArray(Long[]::new))
        .addValue(saga.state().name())
        .addValue(saga.step().name())
        .addValue(saga.attempts())
        .addValue(saga.failureReason() == null ? null : saga.failureReason().text())
        .addValue(Timestamps.toDb(saga.nextAttemptAt()))
        .addValue(Timestamps.toDb(saga.createdAt()))
        .addValue(Timestamps.toDb(saga.updatedAt()))
        .addValue(saga.version())
        .addValue(idempotency.map(request -> request.key().value()).orElse(null))
        .addValue(idempotency.map(IdempotentRequest::requestHash).orElse(null))
        .addValue(Timestamps.toDb(liveSince))
        .addValue(lease == null ? null : lease.owner())
        .addValue(lease == null ? null : Timestamps.toDb(lease.expiresAt()));
    return pool.preparedQuery(CREATE).execute(params).map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<Optional<IdempotencyRecord>> findIdempotencyKey(IdempotencyKey key, Instant liveSince) {
    return pool.preparedQuery(FIND_KEY).execute(Tuple.of(key.value(), Timestamps.toDb(liveSince)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          return Optional.of(new IdempotencyRecord(
              new IdempotencyKey(row.getString("key")), row.getString("request_hash"), row.getUUID("order_id"),
              Timestamps.fromDb(row, "created_at")));
        });
  }

  @Override
  public Future<Integer> pruneIdempotencyKeys(Instant liveSince, int limit) {
    return pool.preparedQuery(PRUNE_KEYS).execute(Tuple.of(Timestamps.toDb(liveSince), limit)).map(RowSet::rowCount);
  }

  @Override
  public Future<Optional<Order>> find(UUID orderId) {
    return pool.preparedQuery(FIND).execute(Tuple.of(orderId)).map(PgOrderRepository::toOrder);
  }

  private static Optional<Order> toOrder(RowSet<Row> rows) {
    Row first = null;
    List<OrderItem> items = new ArrayList<>();
    for (Row row : rows) {
      first = first == null ? row : first;
      items.add(new OrderItem(row.getString("product_id"), row.getInteger("quantity"), row.getLong("unit_price_cents")));
    }
    if (first == null) {
      return Optional.empty();
    }
    String reason = first.getString("reason");
    return Optional.of(new Order(
        first.getUUID("id"),
        first.getString("customer_id"),
        first.getString("email"),
        items,
        first.getLong("total_cents"),
        OrderStatus.valueOf(first.getString("status")),
        reason == null ? null : RejectionReason.parse(reason),
        Timestamps.fromDb(first, "created_at"),
        Timestamps.fromDb(first, "updated_at")));
  }
}
