package dev.vertxshop.systemtests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the order events did in every service's schema: the events orders wrote to its outbox, and
 * the effect each consumer recorded for them. Only the tests read across schemas.
 */
public final class EventAudit {

  /** One row of {@code orders.outbox}. */
  public record OutboxEvent(String id, String orderId, String type, boolean published) {}

  /** One row of {@code notifications.sent_emails}. */
  public record SentEmail(String eventId, String orderId, String kind) {}

  /** The consumers' effects, read at one moment. */
  public record Effects(
      Map<String, String> settledOrders,
      Map<String, List<OutboxEvent>> outboxByOrder,
      Set<String> inventoryProcessed,
      Map<String, String> reservations,
      Map<String, List<SentEmail>> sentEmailsByEvent,
      Set<String> analyticsProcessed) {

    public String eventOf(String orderId) {
      List<OutboxEvent> events = outboxByOrder.getOrDefault(orderId, List.of());
      return events.isEmpty() ? null : events.get(0).id();
    }
  }

  private final ShopAudit audit;

  public EventAudit(ShopAudit audit) {
    this.audit = audit;
  }

  public ShopAudit shop() {
    return audit;
  }

  /** Orders that ended CONFIRMED or REJECTED: id to status. */
  public Map<String, String> settledOrders() {
    return pairs("SELECT id::text, status FROM orders.orders WHERE status IN ('CONFIRMED', 'REJECTED')");
  }

  /** Every event in the outbox, published or not, by order id. */
  public Map<String, List<OutboxEvent>> outboxByOrder() {
    Map<String, List<OutboxEvent>> byOrder = new HashMap<>();
    query("SELECT id::text, order_id::text, type, published_at IS NOT NULL FROM orders.outbox", rows -> {
      OutboxEvent event = new OutboxEvent(rows.getString(1), rows.getString(2), rows.getString(3), rows.getBoolean(4));
      byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
    });
    return byOrder;
  }

  /** Outbox events the relay has not published yet. */
  public long pendingOutboxEvents() {
    return audit.count("SELECT count(*) FROM orders.outbox WHERE published_at IS NULL");
  }

  /** Event ids of {@code <schema>.processed_events}. */
  public Set<String> processed(String schema) {
    if (!schema.matches("[a-z]+")) {
      throw new IllegalArgumentException(schema);
    }
    return new HashSet<>(audit.strings("SELECT event_id FROM " + schema + ".processed_events"));
  }

  /** Reservation id (the order id) to status. */
  public Map<String, String> reservations() {
    return pairs("SELECT reservation_id, status FROM inventory.reservations");
  }

  /** Every recorded e-mail, by event id. */
  public Map<String, List<SentEmail>> sentEmailsByEvent() {
    Map<String, List<SentEmail>> byEvent = new HashMap<>();
    query("SELECT event_id, order_id::text, kind FROM notifications.sent_emails", rows -> {
      SentEmail email = new SentEmail(rows.getString(1), rows.getString(2), rows.getString(3));
      byEvent.computeIfAbsent(email.eventId(), id -> new ArrayList<>()).add(email);
    });
    return byEvent;
  }

  /** Analytics' counts over all days: ordersCompleted, ordersCancelled, revenueCents. */
  public Map<String, Long> analyticsTotals() {
    Map<String, Long> totals = new HashMap<>();
    query("SELECT coalesce(sum(orders_completed), 0), coalesce(sum(orders_cancelled), 0), coalesce(sum(revenue_cents), 0) "
        + "FROM analytics.daily_conversions", rows -> {
          totals.put("ordersCompleted", rows.getLong(1));
          totals.put("ordersCancelled", rows.getLong(2));
          totals.put("revenueCents", rows.getLong(3));
        });
    return totals;
  }

  /** Analytics' cancellations over all days, by reason code. */
  public Map<String, Long> analyticsCancellationReasons() {
    return audit.grouped("SELECT reason_code, sum(orders_cancelled) FROM analytics.cancellation_reasons GROUP BY reason_code");
  }

  /** The sum of the totals of the confirmed orders. */
  public long confirmedRevenueCents() {
    return audit.count("SELECT coalesce(sum(total_cents), 0) FROM orders.orders WHERE status = 'CONFIRMED'");
  }

  /**
   * Products whose reserved counter differs from what their RESERVED reservations hold: a
   * reservation committed twice would take its units off the counter twice.
   */
  public long productsWithWrongReservedCount() {
    return audit.count("SELECT count(*) FROM inventory.products p WHERE p.reserved <> (SELECT coalesce(sum(i.quantity), 0) "
        + "FROM inventory.reservation_items i JOIN inventory.reservations r ON r.reservation_id = i.reservation_id "
        + "WHERE r.status = 'RESERVED' AND i.product_id = p.product_id)");
  }

  /** Everything at once. */
  public Effects effects() {
    return new Effects(settledOrders(), outboxByOrder(), processed("inventory"), reservations(), sentEmailsByEvent(),
        processed("analytics"));
  }

  /**
   * What is still to happen for the settled orders' events, one line per missing step ("analytics
   * has not counted ..."); empty when every event was published and had its effect in every
   * consumer, and every mail arrived ({@code mailsByOrder}).
   */
  public static List<String> missingEffects(Effects effects, Map<String, Long> mailsByOrder) {
    List<String> missing = new ArrayList<>();
    effects.settledOrders().forEach((orderId, status) -> {
      List<OutboxEvent> events = effects.outboxByOrder().getOrDefault(orderId, List.of());
      if (events.isEmpty()) {
        missing.add("orders wrote no event for " + status + " order " + orderId);
        return;
      }
      OutboxEvent event = events.get(0);
      if (!event.published()) {
        missing.add("the event of order " + orderId + " is not published");
      }
      if (status.equals("CONFIRMED") && !effects.inventoryProcessed().contains(event.id())) {
        missing.add("inventory has not committed the reservation of order " + orderId);
      }
      if (!effects.sentEmailsByEvent().containsKey(event.id())) {
        missing.add("notifications has not recorded the mail of order " + orderId);
      }
      if (mailsByOrder.getOrDefault(orderId, 0L) == 0) {
        missing.add("no mail about order " + orderId + " arrived");
      }
      if (!effects.analyticsProcessed().contains(event.id())) {
        missing.add("analytics has not counted order " + orderId);
      }
    });
    return missing;
  }

  private Map<String, String> pairs(String sql) {
    Map<String, String> result = new HashMap<>();
    query(sql, rows -> result.put(rows.getString(1), rows.getString(2)));
    return result;
  }

  @FunctionalInterface
  private interface RowReader {
    void read(ResultSet rows) throws SQLException;
  }

  private void query(String sql, RowReader reader) {
    try (Connection connection = audit.connect(); PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        reader.read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
