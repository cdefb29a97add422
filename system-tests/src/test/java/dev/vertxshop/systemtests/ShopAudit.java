package dev.vertxshop.systemtests;

import dev.vertxshop.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every service's schema at once to check the invariants a fault must never break. Only the
 * tests read across schemas; the services never do.
 */
public final class ShopAudit {

  private final TestDatabase database;

  public ShopAudit(TestDatabase database) {
    this.database = database;
  }

  /** Orders by status. */
  public Map<String, Long> ordersByStatus() {
    return grouped("SELECT status, count(*) FROM orders.orders GROUP BY status ORDER BY status");
  }

  /** Orders that are not CONFIRMED or REJECTED. */
  public long unfinishedOrders() {
    return count("SELECT count(*) FROM orders.orders WHERE status NOT IN ('CONFIRMED', 'REJECTED')");
  }

  /** Products whose counters went below zero. */
  public long negativeStock() {
    return count("SELECT count(*) FROM inventory.products WHERE available < 0 OR reserved < 0");
  }

  /**
   * Units sold beyond the stock: for each product, what confirmed orders hold must equal what live
   * reservations hold, and available plus reserved must equal the stock it was given.
   */
  public long unitsOversold(String productId, int initialStock) {
    long available = count("SELECT available FROM inventory.products WHERE product_id = ?", productId);
    long held = count("SELECT coalesce(sum(i.quantity), 0) FROM inventory.reservation_items i "
        + "JOIN inventory.reservations r ON r.reservation_id = i.reservation_id "
        + "WHERE r.status IN ('RESERVED', 'COMMITTED') AND i.product_id = ?", productId);
    return Math.max(0, available + held - initialStock) + Math.max(0, held - initialStock);
  }

  /** Units held by live reservations whose order is not CONFIRMED (stock lost to a rejected order). */
  public long unitsHeldForUnconfirmedOrders() {
    return count("SELECT coalesce(sum(i.quantity), 0) FROM inventory.reservation_items i "
        + "JOIN inventory.reservations r ON r.reservation_id = i.reservation_id "
        + "JOIN orders.orders o ON o.id::text = r.reservation_id "
        + "WHERE r.status IN ('RESERVED', 'COMMITTED') AND o.status <> 'CONFIRMED'");
  }

  /** Confirmed orders without a live reservation or without a successful charge. */
  public long confirmedOrdersMissingTheirEffects() {
    return count("SELECT count(*) FROM orders.orders o WHERE o.status = 'CONFIRMED' AND ("
        + "NOT EXISTS (SELECT 1 FROM inventory.reservations r WHERE r.reservation_id = o.id::text AND r.status IN ('RESERVED', 'COMMITTED'))"
        + " OR NOT EXISTS (SELECT 1 FROM payments.charges c WHERE c.order_id = o.id::text AND c.status = 'SUCCEEDED'))");
  }

  /** Money taken for an order that is not confirmed and not refunded. */
  public long chargesWithoutConfirmedOrderOrRefund() {
    return count("SELECT count(*) FROM payments.charges c WHERE c.status = 'SUCCEEDED' AND NOT EXISTS "
        + "(SELECT 1 FROM orders.orders o WHERE o.id::text = c.order_id AND o.status = 'CONFIRMED')");
  }

  /** Orders charged more than once, or refunded more than once, according to the ledger. */
  public long ordersChargedOrRefundedTwice() {
    return count("SELECT count(*) FROM (SELECT order_id, kind FROM payments.ledger GROUP BY order_id, kind HAVING count(*) > 1) twice");
  }

  /** The ledger's net amount minus the total of confirmed orders: zero when the books balance. */
  public long ledgerImbalanceCents() {
    long net = count("SELECT coalesce(sum(CASE WHEN kind = 'CHARGE' THEN amount_cents ELSE -amount_cents END), 0) FROM payments.ledger");
    long confirmed = count("SELECT coalesce(sum(total_cents), 0) FROM orders.orders WHERE status = 'CONFIRMED'");
    return net - confirmed;
  }

  /** One line of a saga's step log as orders stored it, with the lease owner (orders instance) that wrote it. */
  public record StepLine(String orderId, String step, String action, String status, String drivenBy, Instant at) {}

  /** Every saga's step log by order id, each oldest line first. */
  public Map<String, List<StepLine>> sagaStepLogs() {
    String sql = "SELECT order_id::text, step, action, status, driven_by, at FROM orders.saga_steps ORDER BY order_id, id";
    Map<String, List<StepLine>> logs = new LinkedHashMap<>();
    try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        StepLine line = new StepLine(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4), rows.getString(5),
            rows.getObject(6, OffsetDateTime.class).toInstant());
        logs.computeIfAbsent(line.orderId(), id -> new ArrayList<>()).add(line);
      }
      return logs;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  public long count(String sql, Object... parameters) {
    try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** Rows of two columns: the first as text, the second as a number. */
  public Map<String, Long> grouped(String sql, Object... parameters) {
    Map<String, Long> result = new LinkedHashMap<>();
    try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        result.put(rows.getString(1), rows.getLong(2));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  /** The first column of every row, as text. */
  public List<String> strings(String sql, Object... parameters) {
    List<String> result = new ArrayList<>();
    try (Connection connection = connect(); PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        result.add(rows.getString(1));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      statement.setObject(i + 1, parameters[i]);
    }
    return statement;
  }

  /** A connection of its own to the shop's database (the caller closes it). */
  public Connection connect() throws SQLException {
    return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
  }
}
