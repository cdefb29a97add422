package dev.vertxshop.notifications.adapter.in.kafka;

import dev.vertxshop.notifications.domain.CancellationReason;
import dev.vertxshop.notifications.domain.EmailAddress;
import dev.vertxshop.notifications.domain.InvalidOrderException;
import dev.vertxshop.notifications.domain.OrderDetails;
import dev.vertxshop.notifications.domain.OrderLine;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the data of the order events ({@code contracts/events/}) into domain values. Data that is
 * not what the schema says (a member missing or of the wrong type, a bad id, time or address)
 * throws {@link InvalidOrderException} naming the member.
 */
final class OrderEventData {

  private OrderEventData() {}

  static OrderDetails order(JsonObject data) {
    return new OrderDetails(
        uuid(data, "orderId"),
        string(data, "customerId"),
        new EmailAddress(string(data, "email")),
        items(data),
        wholeNumber(data, "totalCents", "totalCents"));
  }

  static Instant instant(JsonObject data, String member) {
    String text = string(data, member);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new InvalidOrderException(member + " '" + text + "' is not an RFC 3339 instant");
    }
  }

  static CancellationReason reason(JsonObject data) {
    if (!(data.getValue("reason") instanceof JsonObject reason)) {
      throw new InvalidOrderException("reason is missing or not an object");
    }
    if (!(reason.getValue("text") instanceof String text)) {
      throw new InvalidOrderException("reason.text is missing or not a string");
    }
    return new CancellationReason(string(reason, "code", "reason.code"), text);
  }

  private static List<OrderLine> items(JsonObject data) {
    if (!(data.getValue("items") instanceof JsonArray items)) {
      throw new InvalidOrderException("items is missing or not an array");
    }
    List<OrderLine> lines = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String at = "items[" + i + "]";
      if (!(items.getValue(i) instanceof JsonObject item)) {
        throw new InvalidOrderException(at + " is not an object");
      }
      long quantity = wholeNumber(item, "quantity", at + ".quantity");
      if (quantity > Integer.MAX_VALUE) {
        throw new InvalidOrderException(at + ".quantity " + quantity + " is too large");
      }
      lines.add(new OrderLine(string(item, "productId", at + ".productId"), (int) quantity,
          wholeNumber(item, "unitPriceCents", at + ".unitPriceCents")));
    }
    return lines;
  }

  private static UUID uuid(JsonObject data, String member) {
    String text = string(data, member);
    try {
      UUID uuid = UUID.fromString(text);
      // UUID.fromString also takes short forms such as "1-2-3-4-5"; only the canonical one is an id.
      if (!uuid.toString().equalsIgnoreCase(text)) {
        throw new IllegalArgumentException(text);
      }
      return uuid;
    } catch (IllegalArgumentException e) {
      throw new InvalidOrderException(member + " '" + text + "' is not a UUID");
    }
  }

  private static String string(JsonObject data, String member) {
    return string(data, member, member);
  }

  private static String string(JsonObject data, String member, String path) {
    if (!(data.getValue(member) instanceof String text) || text.isBlank()) {
      throw new InvalidOrderException(path + " is missing or not a non-empty string");
    }
    return text;
  }

  private static long wholeNumber(JsonObject data, String member, String path) {
    if (!(data.getValue(member) instanceof Number number)) {
      throw new InvalidOrderException(path + " is missing or not a number");
    }
    try {
      return new BigDecimal(number.toString()).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      throw new InvalidOrderException(path + " " + number + " is not a whole number");
    }
  }
}
