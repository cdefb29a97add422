package dev.vertxshop.platform.events;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A CloudEvents 1.0 event with JSON data. On Kafka it travels in binary mode: the attributes as
 * {@code ce_*} headers, the data as the record's value ({@link CloudEventRecords}).
 *
 * @param id unique per event; consumers deduplicate by it
 * @param type e.g. {@code order.completed}
 * @param source URI-reference of the producer, e.g. {@code /orders}
 * @param time when what the event tells happened
 * @param subject what the event is about (an order id), or null
 * @param data the event's data
 * @param traceparent the W3C trace context of the change that caused the event, or null
 */
public record CloudEvent(String id, String type, String source, Instant time, String subject, JsonObject data, String traceparent) {

  public static final String SPEC_VERSION = "1.0";

  public CloudEvent {
    requireText(id, "id");
    requireText(type, "type");
    requireText(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
    if (subject != null && subject.isBlank()) {
      subject = null;
    }
    if (traceparent != null && traceparent.isBlank()) {
      traceparent = null;
    }
  }

  private static void requireText(String value, String attribute) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a CloudEvent needs a non-empty " + attribute);
    }
  }
}
