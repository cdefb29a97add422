package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.OrderRequest;
import dev.vertxshop.orders.domain.PaymentMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of orders.yaml. */
final class OrderJson {

  private OrderJson() {}

  /** A PlaceOrderRequest body that the OpenAPI validator has accepted, as a domain request. */
  static OrderRequest request(JsonObject body) {
    JsonArray items = body.getJsonArray("items");
    List<OrderLine> lines = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      lines.add(new OrderLine(item.getString("productId"), item.getInteger("quantity")));
    }
    JsonObject payment = body.getJsonObject("paymentMethod");
    return new OrderRequest(
        body.getString("customerId"),
        body.getString("email"),
        lines,
        new PaymentMethod(payment.getString("type"), payment.getString("cardNumber")));
  }

  /** OrderPlaced. */
  static JsonObject placed(Order order) {
    JsonObject json = new JsonObject()
        .put("orderId", order.id().toString())
        .put("status", order.status().name())
        .put("totalCents", order.totalCents());
    if (order.reason() != null) {
      json.put("reason", order.reason().text());
    }
    return json;
  }

  /** Order. */
  static JsonObject order(Order order) {
    JsonArray items = new JsonArray();
    order.items().forEach(item -> items.add(new JsonObject()
        .put("productId", item.productId())
        .put("quantity", item.quantity())
        .put("unitPriceCents", item.unitPriceCents())));
    JsonObject json = new JsonObject()
        .put("orderId", order.id().toString())
        .put("customerId", order.customerId())
        .put("email", order.email())
        .put("status", order.status().name())
        .put("items", items)
        .put("totalCents", order.totalCents())
        .put("createdAt", order.createdAt().toString())
        .put("updatedAt", order.updatedAt().toString());
    if (order.reason() != null) {
      json.put("reason", order.reason().text());
    }
    return json;
  }
}
