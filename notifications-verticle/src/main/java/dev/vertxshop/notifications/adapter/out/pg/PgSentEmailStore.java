package dev.vertxshop.notifications.adapter.out.pg;

import dev.vertxshop.notifications.application.SentEmailStore;
import dev.vertxshop.notifications.domain.EmailKind;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The sent e-mails in PostgreSQL (schema {@code notifications}). */
public final class PgSentEmailStore implements SentEmailStore {

  private static final String SELECT_SENT = "SELECT 1 FROM notifications.sent_emails WHERE event_id = $1";

  /*
   * The claim of the event and the record of its e-mail in one statement, so both are committed
   * together or not at all, in one round trip: the e-mail is recorded only when the event's id was
   * new, and a concurrent claim of the same id waits for the other statement to end.
   */
  private static final String RECORD_SENT = """
      WITH claim AS (
        INSERT INTO notifications.processed_events (event_id, event_type) VALUES ($7, $8)
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
      ), sent AS (
        INSERT INTO notifications.sent_emails (event_id, order_id, kind, recipient, subject, sent_at)
        SELECT $1, $2, $3, $4, $5, $6 FROM claim
        ON CONFLICT (event_id) DO NOTHING
        RETURNING event_id
      )
      SELECT count(*) AS recorded FROM sent""";

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
    Tuple values = Tuple.of(sent.eventId(), sent.orderId(), sent.kind().name(), sent.recipient(), sent.subject(),
            OffsetDateTime.ofInstant(sent.sentAt(), ZoneOffset.UTC))
        .addString(event.id())
        .addString(event.type());
    return pool.preparedQuery(RECORD_SENT).execute(values).map(rows -> rows.iterator().next().getLong("recorded") == 1);
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
