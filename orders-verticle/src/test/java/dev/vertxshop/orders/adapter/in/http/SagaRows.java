package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.testing.TestDatabase;
import java.util.List;
import java.util.UUID;

/**
 * An order (2 apples at 100) with its saga and step log written straight into the database, as an
 * orders process leaves them when it stops in the middle of a saga. Step lines are "STEP ACTION
 * STATUS" or "STEP ACTION STATUS detail", each driven by the saga's lease owner.
 */
final class SagaRows {

  private SagaRows() {}

  /** A saga that a process which is gone was driving: its lease expired 5 s ago. */
  static UUID leftBehind(TestDatabase database, String state, String step, int attempts, String failureReason, String... lines) {
    return insert(database, state, step, attempts, failureReason, "crashed-instance", lines);
  }

  /** A saga parked for an operator (leased to nobody). */
  static UUID parked(TestDatabase database, String step, int attempts, String failureReason, String... lines) {
    return insert(database, "PARKED", step, attempts, failureReason, null, lines);
  }

  /**
   * {@code count} sagas left behind at the reserve step (attempted, outcome not recorded) by a
   * process that is gone, written in a few statements.
   */
  static List<UUID> leftBehindReserving(TestDatabase database, int count) {
    String batch = UUID.randomUUID().toString();
    RunningOrders.execute(database, """
        INSERT INTO orders.orders (id, customer_id, email, status, reason, total_cents, created_at, updated_at)
        SELECT gen_random_uuid(), ?, 'crash@example.com', 'PENDING', NULL, 200, now() - interval '1 minute', now() - interval '1 minute'
        FROM generate_series(1, ?)
        """, "bulk-" + batch.substring(0, 8), count);
    String ofBatch = "(SELECT id FROM orders.orders WHERE customer_id = '" + "bulk-" + batch.substring(0, 8) + "')";
    RunningOrders.execute(database, "INSERT INTO orders.order_items (order_id, line_no, product_id, quantity, unit_price_cents)"
        + " SELECT id, 1, 'apple', 2, 100 FROM " + ofBatch + " AS o (id)");
    RunningOrders.execute(database, "INSERT INTO orders.sagas (order_id, state, current_step, attempts, lease_owner, lease_expires_at,"
        + " created_at, updated_at, version) SELECT id, 'RUNNING', 'RESERVE_STOCK', 1, 'crashed-instance', now() - interval '5 seconds',"
        + " now() - interval '1 minute', now() - interval '1 minute', 1 FROM " + ofBatch + " AS o (id)");
    RunningOrders.execute(database, "INSERT INTO orders.saga_steps (order_id, step, action, status, detail, at, driven_by)"
        + " SELECT id, 'RESERVE_STOCK', 'EXECUTE', 'STARTED', 'attempt 1 by crashed-instance', now() - interval '1 minute',"
        + " 'crashed-instance' FROM " + ofBatch + " AS o (id)");
    return RunningOrders.uuids(database, "SELECT id FROM " + ofBatch + " AS o (id)");
  }

  private static UUID insert(TestDatabase database, String state, String step, int attempts, String failureReason, String leaseOwner,
      String... lines) {
    UUID id = UUID.randomUUID();
    String orderId = id.toString();
    RunningOrders.execute(database, """
        INSERT INTO orders.orders (id, customer_id, email, status, reason, total_cents, created_at, updated_at)
        VALUES (?::uuid, 'cust-crash', 'crash@example.com', 'PENDING', NULL, 200, now() - interval '1 minute', now() - interval '1 minute')
        """, orderId);
    RunningOrders.execute(database, """
        INSERT INTO orders.order_items (order_id, line_no, product_id, quantity, unit_price_cents)
        VALUES (?::uuid, 1, 'apple', 2, 100)
        """, orderId);
    RunningOrders.execute(database, """
        INSERT INTO orders.sagas (order_id, state, current_step, attempts, failure_reason, lease_owner, lease_expires_at,
                                  next_attempt_at, created_at, updated_at, version)
        VALUES (?::uuid, ?, ?, ?, ?, ?::text, CASE WHEN ?::text IS NULL THEN NULL ELSE now() - interval '5 seconds' END,
                NULL, now() - interval '1 minute', now() - interval '1 minute', ?)
        """, orderId, state, step, attempts, failureReason, leaseOwner, leaseOwner, lines.length);
    for (String line : lines) {
      String[] parts = line.split(" ", 4);
      RunningOrders.execute(database, """
          INSERT INTO orders.saga_steps (order_id, step, action, status, detail, at, driven_by)
          VALUES (?::uuid, ?, ?, ?, ?, now() - interval '1 minute', ?)
          """, orderId, parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : null, leaseOwner);
    }
    return id;
  }
}
