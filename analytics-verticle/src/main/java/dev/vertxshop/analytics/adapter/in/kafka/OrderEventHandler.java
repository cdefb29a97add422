package dev.vertxshop.analytics.adapter.in.kafka;

import dev.vertxshop.analytics.application.AnalyticsService;
import dev.vertxshop.analytics.domain.InvalidInputException;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.EventHandler;
import dev.vertxshop.platform.events.UnprocessableEventException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the order events of topic {@code orders}: {@code order.completed} and {@code
 * order.cancelled}. Other event types are accepted and ignored. An event whose data analytics cannot
 * read is unprocessable: retrying it would never help, so it goes to the dead-letter topic at once.
 * A failure to write the counts (the database unreachable) fails the event, which is then retried.
 */
public final class OrderEventHandler implements EventHandler {

  private static final Logger LOG = LoggerFactory.getLogger(OrderEventHandler.class);

  private final AnalyticsService service;

  public OrderEventHandler(AnalyticsService service) {
    this.service = service;
  }

  @Override
  public Future<Void> handle(CloudEvent event) {
    return switch (event.type()) {
      case OrderEvents.COMPLETED -> count(event, OrderEvents::completed);
      case OrderEvents.CANCELLED -> count(event, OrderEvents::cancelled);
      default -> Future.succeededFuture();
    };
  }

  private Future<Void> count(CloudEvent event, Function<JsonObject, ? extends OrderSettlement> reader) {
    OrderSettlement settlement;
    try {
      settlement = reader.apply(event.data());
    } catch (InvalidInputException e) {
      return Future.failedFuture(new UnprocessableEventException(
          "analytics cannot count " + event.type() + " event " + event.id() + ": " + e.getMessage()));
    }
    return service.record(event, settlement)
        .onSuccess(counted -> {
          if (!counted) {
            LOG.debug("Event {} ({}) was counted before; nothing to do", event.id(), event.type());
          }
        })
        .mapEmpty();
  }
}
