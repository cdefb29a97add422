package dev.vertxshop.analytics;

import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order events as the orders service publishes them ({@code contracts/events/}), and days of their
 * own for each test: every broker of a test JVM keeps the events of earlier tests, and a new
 * consumer group reads them again, so each test counts on days no other test uses.
 */
public final class OrderEventsFixture {

  private static final AtomicLong NEXT_DAY = new AtomicLong();

  private OrderEventsFixture() {}

  /** A day that no other test of this JVM uses. */
  public static LocalDate newDay() {
    return LocalDate.parse("2001-01-01").plusDays(NEXT_DAY.getAndIncrement());
  }

  public static Instant noonOf(LocalDate day) {
    return day.atTime(12, 0).toInstant(ZoneOffset.UTC);
  }

  public static CloudEvent completed(String orderId, long totalCents, Instant completedAt) {
    return event("order.completed", orderId, completedAt, orderData(orderId, totalCents).put("completedAt", completedAt.toString()));
  }

  public static CloudEvent cancelled(String orderId, String reasonCode, Instant cancelledAt) {
    String text = reasonCode.toLowerCase(Locale.ROOT).replace('_', '-') + ": as orders words it";
    JsonObject data = orderData(orderId, 2490)
        .put("cancelledAt", cancelledAt.toString())
        .put("reason", new JsonObject().put("code", reasonCode).put("text", text));
    return event("order.cancelled", orderId, cancelledAt, data);
  }

  /** An event of {@code type} with any data. */
  public static CloudEvent event(String type, String orderId, Instant time, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", time, orderId, data, null);
  }

  public static String newOrderId() {
    return UUID.randomUUID().toString();
  }

  private static JsonObject orderData(String orderId, long totalCents) {
    return new JsonObject()
        .put("orderId", orderId)
        .put("customerId", "alice")
        .put("email", "alice@example.com")
        .put("items", new JsonArray().add(new JsonObject()
            .put("productId", "espresso-beans-1kg").put("quantity", 1).put("unitPriceCents", totalCents)))
        .put("totalCents", totalCents);
  }
}
