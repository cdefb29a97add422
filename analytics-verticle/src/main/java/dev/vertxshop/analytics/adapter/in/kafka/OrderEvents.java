package dev.vertxshop.analytics.adapter.in.kafka;

import dev.vertxshop.analytics.domain.InvalidInputException;
import dev.vertxshop.analytics.domain.OrderCancelled;
import dev.vertxshop.analytics.domain.OrderCompleted;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The data of the order events ({@code contracts/events/}) as the domain values analytics counts.
 * Only the members analytics uses are read, so the events may gain members without breaking it; a
 * member it uses that is missing or of the wrong type is an {@link InvalidInputException}.
 */
final class OrderEvents {

  static final String COMPLETED = "order.completed";
  static final String CANCELLED = "order.cancelled";

  private OrderEvents() {}

  /** The data of an {@code order.completed} event. */
  static OrderCompleted completed(JsonObject data) {
    return new OrderCompleted(text(data, "orderId"), wholeNumber(data, "totalCents"), instant(data, "completedAt"));
  }

  /** The data of an {@code order.cancelled} event. */
  static OrderCancelled cancelled(JsonObject data) {
    if (!(data.getValue("reason") instanceof JsonObject reason)) {
      throw new InvalidInputException("reason must be an object with a code");
    }
    return new OrderCancelled(text(data, "orderId"), text(reason, "code", "reason.code"), instant(data, "cancelledAt"));
  }

  private static String text(JsonObject data, String member) {
    return text(data, member, member);
  }

  private static String text(JsonObject data, String member, String path) {
    if (!(data.getValue(member) instanceof String value)) {
      throw new InvalidInputException(path + " must be a string");
    }
    return value;
  }

  private static long wholeNumber(JsonObject data, String member) {
    Object value = data.getValue(member);
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
      return big.longValue();
    }
    if (value instanceof BigDecimal || value instanceof Double || value instanceof Float) {
      throw new InvalidInputException(member + " must be a whole number of cents, not " + value);
    }
    throw new InvalidInputException(member + " must be a whole number");
  }

  private static Instant instant(JsonObject data, String member) {
    String text = text(data, member);
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(member + " must be an RFC 3339 date-time, not '" + text + "'");
    }
  }
}
