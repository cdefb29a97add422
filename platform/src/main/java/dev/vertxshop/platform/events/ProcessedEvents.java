package dev.vertxshop.platform.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.regex.Pattern;

/**
 * The processed-event row: the durable answer to "has this consumer applied this event?". Written in
 * the same transaction as the effect, so the two commit or roll back together; Redis only spares the
 * database the question for events seen recently.
 */
public final class ProcessedEvents {

  private static final Pattern TABLE = Pattern.compile("[a-z_]+\\.[a-z_]+");

  private ProcessedEvents() {}

  /**
   * Inserts the event's id into {@code table} (columns {@code event_id text PRIMARY KEY, event_type
   * text NOT NULL, processed_at timestamptz NOT NULL DEFAULT now()}) within the caller's transaction.
   * When another transaction inserts the same id at the same time, this one waits for it.
   *
   * @param table schema-qualified name, a constant of the caller (never input)
   * @return true when the id is new (apply the effect), false when the event was processed before
   */
  public static Future<Boolean> claim(SqlConnection connection, String table, CloudEvent event) {
    if (!TABLE.matcher(table).matches()) {
      throw new IllegalArgumentException("not a table name: " + table);
    }
    return connection
        .preparedQuery("INSERT INTO " + table + " (event_id, event_type) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING")
        .execute(Tuple.of(event.id(), event.type()))
        .map(result -> result.rowCount() == 1);
  }
}
