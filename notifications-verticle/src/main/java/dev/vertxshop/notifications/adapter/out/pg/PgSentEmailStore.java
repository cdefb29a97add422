package dev.vertxshop.notifications.adapter.out.pg;

import dev.vertxshop.notifications.application.SentEmailStore;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.ProcessedEvents;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The sent e-mails in PostgreSQL (schema {@code notifications}). */
public final class PgSentEmailStore implements SentEmailStore {

  static final String PROCESSED_EVENTS = "notifications.processed_events";

  private static final String SELECT_SENT = "SELECT 1 FROM notifications.sent_emails WHERE event_id = $1";

  private static final String INSERT_SENT = """
      INSERT INTO notifications.sent_emails (event_id, order_id, kind, recipient, subject, sent_at)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (event_id) DO NOTHING""";

  private static final String SELECT_FOR_ORDER = """
      SELECT event_id, order_id, kind, recipient, subject, sent_at
        FROM notifications.sent_emails
       WHERE order_id = $1
       ORDER BY sent_at, event_id""";

  private final Pool pool;

  public PgSentEmailStore(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<Boolean> wasSent(String eventId) {
    return pool.preparedQuery(SELECT_SENT).execute(Tuple.of(eventId)).map(rows -> rows.size() > 0);
  }

  @Override
  public Future<Boolean> recordSent(CloudEvent event, SentEmail sent) {
    return pool.withTransaction(connection -> ProcessedEvents.claim(connection, PROCESSED_EVENTS, event)
        .compose(claimed -> claimed ? insert(connection, sent) : Future.succeededFuture(false)));
  }

  private static Future<Boolean> insert(SqlConnection connection, SentEmail sent) {
    return connection.preparedQuery(INSERT_SENT)
        .execute(Tuple.of(sent.eventId(), sent.orderId(), sent.kind().name(), sent.recipient(), sent.subject(),
            OffsetDateTime.ofInstant(sent.sentAt(), ZoneOffset.UTC)))
        .map(rows -> rows.rowCount() == 1);
  }

  @Override
  public Future<List<SentEmail>> forOrder(UUID orderId) {
    return pool.preparedQuery(SELECT_FOR_ORDER).execute(Tuple.of(orderId)).map(rows -> {
      List<SentEmail> emails = new ArrayList<>();
      for (Row row : rows) {
        emails.add(sentEmail(row));
      }
      return emails;
    });
  }

  private static SentEmail sentEmail(Row row) {
    Instant sentAt = row.getOffsetDateTime("sent_at").toInstant();
    return new SentEmail(row.getString("event_id"), row.getUUID("order_id"), EmailKind.valueOf(row.getString("kind")),
        row.getString("recipient"), row.getString("subject"), sentAt);
  }
}
