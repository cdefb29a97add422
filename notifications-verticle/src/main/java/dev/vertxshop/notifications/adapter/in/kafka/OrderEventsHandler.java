package dev.vertxshop.notifications.adapter.in.kafka;

import dev.vertxshop.notifications.application.OrderNotifications;
import dev.vertxshop.notifications.domain.CancellationReason;
import dev.vertxshop.notifications.domain.InvalidOrderException;
import dev.vertxshop.notifications.domain.OrderDetails;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.EventHandler;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import java.time.Instant;

/**
 * The consumer group {@code notifications} on topic {@code orders}: {@code order.completed} sends the
 * order confirmation, {@code order.cancelled} the cancellation notice; other event types are
 * acknowledged and left alone. An event whose data is invalid can never be mailed: it fails with
 * {@link UnprocessableEventException} and goes to the dead-letter topic at once. Any other failure
 * (the SMTP server or the database unavailable) is retried by the consumer.
 */
public final class OrderEventsHandler implements EventHandler {

  /** The type of the event of an order that completed. */
  public static final String ORDER_COMPLETED = "order.completed";
  /** The type of the event of an order that was cancelled. */
  public static final String ORDER_CANCELLED = "order.cancelled";

  private final OrderNotifications notifications;

  public OrderEventsHandler(OrderNotifications notifications) {
    this.notifications = notifications;
  }

  @Override
  public Future<Void> handle(CloudEvent event) {
    return switch (event.type()) {
      case ORDER_COMPLETED -> completed(event);
      case ORDER_CANCELLED -> cancelled(event);
      default -> Future.succeededFuture();
    };
  }

  private Future<Void> completed(CloudEvent event) {
    OrderDetails order;
    Instant completedAt;
    try {
      order = OrderEventData.order(event.data());
      completedAt = OrderEventData.instant(event.data(), "completedAt");
    } catch (InvalidOrderException e) {
      return unprocessable(event, e);
    }
    return notifications.orderCompleted(event, order, completedAt);
  }

  private Future<Void> cancelled(CloudEvent event) {
    OrderDetails order;
    Instant cancelledAt;
    CancellationReason reason;
    try {
      order = OrderEventData.order(event.data());
      cancelledAt = OrderEventData.instant(event.data(), "cancelledAt");
      reason = OrderEventData.reason(event.data());
    } catch (InvalidOrderException e) {
      return unprocessable(event, e);
    }
    return notifications.orderCancelled(event, order, cancelledAt, reason);
  }

  private static Future<Void> unprocessable(CloudEvent event, InvalidOrderException invalid) {
    return Future.failedFuture(new UnprocessableEventException(
        event.type() + " event " + event.id() + " has invalid data: " + invalid.getMessage()));
  }
}
