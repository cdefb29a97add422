package dev.vertxshop.analytics.adapter.out.pg;

import dev.vertxshop.analytics.application.ConversionStore;
import dev.vertxshop.analytics.domain.CancellationCount;
import dev.vertxshop.analytics.domain.Conversion;
import dev.vertxshop.analytics.domain.DailyConversion;
import dev.vertxshop.analytics.domain.DateRange;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversion counts in PostgreSQL (schema {@code analytics}). Counting an event claims its id in
 * {@code analytics.processed_events} and adds to the day's counters in one statement, so both are
 * committed together or not at all, in one round trip; the counters are only ever changed by one
 * upsert each, so concurrent events of the same day add up.
 * A day's counters are spread over {@link #SHARDS} rows, the event id choosing one, so that the
 * events of one day, counted side by side, do not queue on one row's lock; reads add the shards up.
 */
public final class PgConversionStore implements ConversionStore {

  static final int SHARDS = 16;

  /*
   * The claim and the counts in one statement: the counts are added only when the event's id was
   * new (the upserts select from the claim), and a concurrent claim of the same id waits for the
   * other statement to end. $6 is the cancellation's reason code, null for a completed order.
   */
  private static final String COUNT_ONCE = """
      WITH claim AS (
        INSERT INTO analytics.processed_events (event_id, event_type) VALUES ($7, $8)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
      ), day AS (
        INSERT INTO analytics.daily_conversions (day, shard, orders_completed, orders_cancelled, revenue_cents)
        SELECT $1, $5, $2, $3, $4 FROM claim
        ON CONFLICT (day, shard) DO UPDATE
          SET orders_completed = daily_conversions.orders_completed + EXCLUDED.orders_completed,
              orders_cancelled = daily_conversions.orders_cancelled + EXCLUDED.orders_cancelled,
              revenue_cents = daily_conversions.revenue_cents + EXCLUDED.revenue_cents,
              updated_at = now()
      ), reason AS (
        INSERT INTO analytics.cancellation_reasons (day, reason_code, shard, orders_cancelled)
        SELECT $1, $6::text, $5, 1 FROM claim WHERE $6::text IS NOT NULL
        ON CONFLICT (day, reason_code, shard) DO UPDATE
          SET orders_cancelled = cancellation_reasons.orders_cancelled + 1
      )
      SELECT count(*) AS claimed FROM claim""";

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
    Conversion added = settlement.contribution();
    String reasonCode = settlement instanceof OrderCancelled cancelled ? cancelled.reasonCode() : null;
    Tuple values = Tuple.of(settlement.day(), added.ordersCompleted(), added.ordersCancelled(), added.revenueCents(), shardOf(event))
        .addString(reasonCode)
        .addString(event.id())
        .addString(event.type());
    return pool.preparedQuery(COUNT_ONCE).execute(values).map(rows -> rows.iterator().next().getLong("claimed") == 1);
  }

  static short shardOf(CloudEvent event) {
    return (short) Math.floorMod(event.id().hashCode(), SHARDS);
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
