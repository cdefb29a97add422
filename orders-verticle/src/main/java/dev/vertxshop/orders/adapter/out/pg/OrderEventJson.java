package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderSettled;
import dev.vertxshop.orders.domain.RejectionReason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An {@link OrderSettled} event as the outbox stores it: its CloudEvents type and its data, as
 * {@code contracts/events/order.completed.schema.json} and {@code order.cancelled.schema.json}
 * describe them.
 */
public final class OrderEventJson {

  /** The type of the event of a confirmed order. */
  public static final String COMPLETED = "order.completed";
  /** The type of the event of a rejected order. */
  public static final String CANCELLED = "order.cancelled";

  private OrderEventJson() {}

  public static String type(OrderSettled event) {
    return switch (event.outcome()) {
      case COMPLETED -> COMPLETED;
      case CANCELLED -> CANCELLED;
    };
  }

  public static JsonObject data(OrderSettled event) {
    JsonArray items = new JsonArray();
    for (OrderItem item : event.order().items()) {
      items.add(new JsonObject()
          .put("productId", item.productId())
          .put("quantity", item.quantity())
          .put("unitPriceCents", item.unitPriceCents()));
    }
    JsonObject data = new JsonObject()
        .put("orderId", event.orderId().toString())
        .put("customerId", event.order().customerId())
        .put("email", event.order().email())
        .put("items", items)
        .put("totalCents", event.order().totalCents());
    switch (event.outcome()) {
      case COMPLETED -> data.put("completedAt", event.at().toString());
      case CANCELLED -> data.put("cancelledAt", event.at().toString()).put("reason", reason(event.reason().orElseThrow()));
    }
    return data;
  }

  private static JsonObject reason(RejectionReason reason) {
    return new JsonObject().put("code", reason.code().name()).put("text", reason.text());
  }
}
