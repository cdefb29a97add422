package dev.vertxshop.notifications;

import dev.vertxshop.platform.events.CloudEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** Order events as the orders service publishes them (contracts/events/), for tests. */
public final class OrderEvents {

  public static final Instant AT = Instant.parse("2025-03-04T10:15:30Z");

  private OrderEvents() {}

  /** The data of an order of 2 x espresso-beans-1kg at 24.90 and 1 x ceramic-mug at 12.50: 62.30. */
  public static JsonObject orderData(UUID orderId, String email) {
    return new JsonObject()
        .put("orderId", orderId.toString())
        .put("customerId", "alice")
        .put("email", email)
        .put("items", new JsonArray()
            .add(new JsonObject().put("productId", "espresso-beans-1kg").put("quantity", 2).put("unitPriceCents", 2490))
            .add(new JsonObject().put("productId", "ceramic-mug").put("quantity", 1).put("unitPriceCents", 1250)))
        .put("totalCents", 6230);
  }

  public static CloudEvent completed(UUID orderId, String email) {
    return event("order.completed", orderId, orderData(orderId, email).put("completedAt", AT.toString()));
  }

  public static CloudEvent cancelled(UUID orderId, String email, String code, String text) {
    return event("order.cancelled", orderId, orderData(orderId, email)
        .put("cancelledAt", AT.toString())
        .put("reason", new JsonObject().put("code", code).put("text", text)));
  }

  /** An event of {@code type} about {@code orderId} with {@code data}, and a new event id. */
  public static CloudEvent event(String type, UUID orderId, JsonObject data) {
    return new CloudEvent(UUID.randomUUID().toString(), type, "/orders", AT, orderId.toString(), data, null);
  }
}
