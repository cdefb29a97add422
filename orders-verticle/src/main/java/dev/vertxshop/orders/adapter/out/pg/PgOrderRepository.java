package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.application.OrderRepository;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Orders in {@code orders.orders} and {@code orders.order_items}. */
public final class PgOrderRepository implements OrderRepository {

  // One statement, so the order, its items and its saga are stored together or not at all.
  private static final String CREATE = """
      WITH new_order AS (
        INSERT INTO orders.orders (id, customer_id, email, status, reason, total_cents, created_at, updated_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ), new_items AS (
        INSERT INTO orders.order_items (order_id, line_no, product_id, quantity, unit_price_cents)
        SELECT $1::uuid, line.line_no, line.product_id, line.quantity, line.unit_price_cents
        FROM unnest($9::text[], $10::int[], $11::bigint[])
          WITH ORDINALITY AS line (product_id, quantity, unit_price_cents, line_no)
      )
      INSERT INTO orders.sagas (order_id, state, current_step, attempts, failure_reason, next_attempt_at,
                                created_at, updated_at, version)
      VALUES ($1, $12, $13, $14, $15, $16, $17, $18, $19)
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
  public Future<Void> create(Order order, Saga saga) {
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
        .addValue(saga.version());
    return pool.preparedQuery(CREATE).execute(params).mapEmpty();
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
