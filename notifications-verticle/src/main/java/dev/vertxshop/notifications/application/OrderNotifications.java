package dev.vertxshop.notifications.application;

import dev.vertxshop.notifications.domain.CancellationReason;
import dev.vertxshop.notifications.domain.OrderDetails;
import dev.vertxshop.notifications.domain.OrderEmail;
import dev.vertxshop.notifications.domain.OrderEmails;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use cases: e-mail the customer once per order event, and list what was sent for an order.
 *
 * <p>Per event: when the store has a sent e-mail for the event's id, nothing is done; otherwise the
 * e-mail is sent and then recorded (with the event's processed-event row, in one transaction). An
 * SMTP server cannot take part in a database transaction, so this is at-least-once, not exactly-once:
 * if the process dies, or the database refuses the record, after the server accepted the e-mail and
 * before the record is committed, the event is delivered again and the customer gets the e-mail a
 * second time. Two deliveries of one event processed at the same moment (which the consumer's Redis
 * lease normally prevents) can do the same. A failed send records nothing and fails, so the event is
 * retried.
 */
public final class OrderNotifications {

  private static final Logger LOG = LoggerFactory.getLogger(OrderNotifications.class);

  private final SentEmailStore store;
  private final MailSender mail;
  private final Clock clock;

  public OrderNotifications(SentEmailStore store, MailSender mail, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.mail = Objects.requireNonNull(mail, "mail");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Sends the confirmation of a completed order, once per {@code event}. */
  public Future<Void> orderCompleted(CloudEvent event, OrderDetails order, Instant completedAt) {
    return deliverOnce(event, OrderEmails.confirmation(order, completedAt));
  }

  /** Sends the cancellation notice of a cancelled order, once per {@code event}. */
  public Future<Void> orderCancelled(CloudEvent event, OrderDetails order, Instant cancelledAt, CancellationReason reason) {
    return deliverOnce(event, OrderEmails.cancellation(order, cancelledAt, reason));
  }

  /** The e-mails sent about {@code orderId}, oldest first. */
  public Future<List<SentEmail>> sentFor(UUID orderId) {
    return store.forOrder(orderId);
  }

  private Future<Void> deliverOnce(CloudEvent event, OrderEmail email) {
    return store.wasSent(event.id())
        .compose(sent -> sent ? Future.succeededFuture() : send(event, email));
  }

  private Future<Void> send(CloudEvent event, OrderEmail email) {
    return mail.send(email)
        .compose(accepted -> store.recordSent(event, SentEmail.of(event.id(), email, clock.instant())))
        .onSuccess(recorded -> logSent(event, email, recorded))
        .mapEmpty();
  }

  private static void logSent(CloudEvent event, OrderEmail email, boolean recorded) {
    if (recorded) {
      LOG.info("Sent the {} e-mail of order {} (event {})", email.kind(), email.orderId(), event.id());
    } else {
      LOG.warn("Sent the {} e-mail of order {} again: another delivery of event {} had sent it meanwhile",
          email.kind(), email.orderId(), event.id());
    }
  }
}
