package dev.vertxshop.orders.application;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An event stored in the outbox, as the relay publishes it.
 *
 * @param id the event's id (the CloudEvent id)
 * @param orderId the order it is about: the Kafka key and the CloudEvent subject
 * @param type {@code order.completed} or {@code order.cancelled}
 * @param data the event's data
 * @param time when the order was settled
 * @param traceparent the W3C trace context of the change, or null when it is not known
 */
public record OutboxEvent(UUID id, UUID orderId, String type, JsonObject data, Instant time, String traceparent) {

  public OutboxEvent {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(orderId, "orderId");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(time, "time");
  }
}
