package dev.vertxshop.inventory.adapter.in.kafka;

import dev.vertxshop.inventory.application.InventoryService;
import dev.vertxshop.inventory.application.InventoryStore.EventCommit;
import dev.vertxshop.inventory.domain.Transition;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.EventHandler;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import java.util.Locale;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inventory's part in the events of topic {@code orders} ({@code contracts/events/}):
 * {@code order.completed} commits the order's reservation, whose id is the order id, so its stock is
 * gone for good. Every other type changes nothing: an {@code order.cancelled} order's saga gave its
 * stock back before the order was cancelled.
 *
 * <p>Of the event's data only {@code orderId} is read; what the reservation holds, not the event,
 * says which stock is committed.
 */
public final class OrderEventsHandler implements EventHandler {

  /** The type of the event that commits a reservation. */
  public static final String ORDER_COMPLETED = "order.completed";

  private static final Pattern UUID_SHAPE =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Logger LOG = LoggerFactory.getLogger(OrderEventsHandler.class);

  private final InventoryService service;

  public OrderEventsHandler(InventoryService service) {
    this.service = service;
  }

  @Override
  public Future<Void> handle(CloudEvent event) {
    if (!ORDER_COMPLETED.equals(event.type())) {
      return Future.succeededFuture();
    }
    return Future.succeededFuture(event)
        .map(OrderEventsHandler::orderId)
        .compose(orderId -> service.orderCompleted(event, orderId)
            .compose(outcome -> answer(event, orderId, outcome)));
  }

  /**
   * The order id of an {@code order.completed} event, as orders writes it (a lower-case UUID).
   *
   * @throws UnprocessableEventException when {@code data.orderId} is missing, is no UUID, or names
   *     another order than the event's subject
   */
  static String orderId(CloudEvent event) {
    Object value = event.data().getValue("orderId");
    if (!(value instanceof String text) || !UUID_SHAPE.matcher(text).matches()) {
      throw unprocessable(event, "data.orderId must be a UUID string, found " + describe(value));
    }
    String orderId = text.toLowerCase(Locale.ROOT);
    if (event.subject() != null && !event.subject().equalsIgnoreCase(orderId)) {
      throw unprocessable(event, "its subject " + event.subject() + " names another order than data.orderId " + orderId);
    }
    return orderId;
  }

  private static Future<Void> answer(CloudEvent event, String orderId, EventCommit outcome) {
    if (outcome instanceof EventCommit.Committed committed) {
      if (committed.transition() instanceof Transition.Changed) {
        LOG.info("Order {} completed: its reservation is committed (event {})", orderId, event.id());
      } else {
        LOG.info("Order {} completed: its reservation was committed already (event {})", orderId, event.id());
      }
      return Future.succeededFuture();
    }
    if (outcome instanceof EventCommit.AlreadyProcessed) {
      LOG.debug("Event {} (order {} completed) was processed before", event.id(), orderId);
      return Future.succeededFuture();
    }
    if (outcome instanceof EventCommit.UnknownReservation) {
      return Future.failedFuture(unprocessable(event,
          "inventory has no reservation " + orderId + ", so no stock can be committed for order " + orderId));
    }
    return Future.failedFuture(unprocessable(event,
        "reservation " + orderId + " is cancelled and its stock was given back; it cannot be committed for a completed order"));
  }

  private static UnprocessableEventException unprocessable(CloudEvent event, String reason) {
    return new UnprocessableEventException(event.type() + " " + event.id() + ": " + reason);
  }

  private static String describe(Object value) {
    if (value == null) {
      return "none";
    }
    return value instanceof String ? "'" + value + "'" : "a " + value.getClass().getSimpleName();
  }
}
