package dev.vertxshop.analytics.adapter.out.pg;

import dev.vertxshop.analytics.application.ConversionStore;
import dev.vertxshop.analytics.domain.CancellationCount;
import dev.vertxshop.analytics.domain.Conversion;
import dev.vertxshop.analytics.domain.DailyConversion;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversion counts in PostgreSQL (schema {@code analytics}). Counting an event claims its id in
 * {@code analytics.processed_events} and adds to the day's counters in the same transaction; the
 * counters are only ever changed by one upsert each, so concurrent events of the same day add up.
 * A day's counters are spread over {@link #SHARDS} rows, the event id choosing one, so that the
 * events of one day, counted side by side, do not queue on one row's lock; reads add the shards up.
 */
public final class PgConversionStore implements ConversionStore {

  static final String PROCESSED_EVENTS = "analytics.processed_events";
  static final int SHARDS = 16;

  private static final String ADD_TO_DAY = """
      INSERT INTO analytics.daily_conversions (day, shard, orders_completed, orders_cancelled, revenue_cents)
      VALUES ($1, $5, $2, $3, $4)
      ON CONFLICT (day, shard) DO UPDATE
        SET orders_completed = daily_conversions.orders_completed + EXCLUDED.orders_completed,
            orders_cancelled = daily_conversions.orders_cancelled + EXCLUDED.orders_cancelled,
            revenue_cents = daily_conversions.revenue_cents + EXCLUDED.revenue_cents,
            updated_at = now()""";

  private static final String ADD_CANCELLATION = """
      INSERT INTO analytics.cancellation_reasons (day, reason_code, shard, orders_cancelled)
      VALUES ($1, $2, $3, 1)
      ON CONFLICT (day, reason_code, shard) DO UPDATE
        SET orders_cancelled = cancellation_reasons.orders_cancelled + 1""";

  // Both reads of a report see the same snapshot, so the reasons add up to the cancelled orders.
  private static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";

  private static final String SELECT_DAYS = """
      SELECT day, sum(orders_completed)::bigint AS orders_completed, sum(orders_cancelled)::bigint AS orders_cancelled,
             sum(revenue_cents)::bigint AS revenue_cents
        FROM analytics.daily_conversions
       WHERE day BETWEEN $1 AND $2
       GROUP BY day
       ORDER BY day""";

  private static final String SELECT_REASONS = """
      SELECT reason_code, sum(orders_cancelled)::bigint AS orders_cancelled
        FROM analytics.cancellation_reasons
       WHERE day BETWEEN $1 AND $2
       GROUP BY reason_code""";

  private final Pool pool;

  public PgConversionStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> record(CloudEvent event, OrderSettlement settlement) {
    return pool.withTransaction(connection -> ProcessedEvents.claim(connection, PROCESSED_EVENTS, event)
        .compose(claimed -> claimed ? count(connection, settlement, shardOf(event)).map(true) : Future.succeededFuture(false)));
  }

  static short shardOf(CloudEvent event) {
    return (short) Math.floorMod(event.id().hashCode(), SHARDS);
  }

  private static Future<Void> count(SqlConnection connection, OrderSettlement settlement, short shard) {
    Conversion added = settlement.contribution();
    Future<RowSet<Row>> day = connection.preparedQuery(ADD_TO_DAY)
        .execute(Tuple.of(settlement.day(), added.ordersCompleted(), added.ordersCancelled(), added.revenueCents(), shard));
    if (settlement instanceof OrderCancelled cancelled) {
      return day.compose(updated -> connection.preparedQuery(ADD_CANCELLATION)
          .execute(Tuple.of(cancelled.day(), cancelled.reasonCode(), shard))).mapEmpty();
    }
    return day.mapEmpty();
  }

  @Override
  public Future<Recorded> read(DateRange range) {
    Tuple bounds = Tuple.of(range.from(), range.to());
    return pool.withTransaction(connection -> connection.query(SNAPSHOT).execute()
        .compose(snapshot -> connection.preparedQuery(SELECT_DAYS).execute(bounds))
        .compose(days -> connection.preparedQuery(SELECT_REASONS).execute(bounds)
            .map(reasons -> new Recorded(toDays(days), toReasons(reasons)))));
  }

  private static List<DailyConversion> toDays(RowSet<Row> rows) {
    List<DailyConversion> days = new ArrayList<>(rows.size());
    for (Row row : rows) {
      days.add(new DailyConversion(row.getLocalDate("day"), new Conversion(
          row.getLong("orders_completed"), row.getLong("orders_cancelled"), row.getLong("revenue_cents"))));
    }
    return days;
  }

  private static List<CancellationCount> toReasons(RowSet<Row> rows) {
    List<CancellationCount> reasons = new ArrayList<>(rows.size());
    for (Row row : rows) {
      reasons.add(new CancellationCount(row.getString("reason_code"), row.getLong("orders_cancelled")));
    }
    return reasons;
  }
}
