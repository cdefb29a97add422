package dev.vertxshop.inventory.adapter.in.http;

import dev.vertxshop.inventory.domain.InvalidInputException;
import dev.vertxshop.inventory.domain.Product;
import dev.vertxshop.inventory.domain.ProductDefinition;
import dev.vertxshop.inventory.domain.RequestedItem;
import dev.vertxshop.inventory.domain.Reservation;
import dev.vertxshop.inventory.domain.ReservationItem;
import dev.vertxshop.inventory.domain.ReservationRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The JSON shapes of the HTTP contract ({@code contracts/openapi/inventory.yaml}) and the domain values behind them. */
final class JsonMapping {

  /**
   * Ids of the allowed shape that vertx-openapi 5.0.7 reads as a JSON number when they appear in a
   * path (such as {@code 1.5} or {@code 2e-3}), and then refuses because a number is no string.
   */
  private static final Pattern READ_AS_NUMBER_IN_PATH = Pattern.compile("(0|[1-9][0-9]*)(\\.[0-9]+([eE]-?[0-9]+)?|[eE]-[0-9]+)");

  private JsonMapping() {}

  static JsonObject product(Product product) {
    return new JsonObject()
        .put("productId", product.productId())
        .put("name", product.name())
        .put("priceCents", product.priceCents())
        .put("available", product.available())
        .put("reserved", product.reserved());
  }

  static JsonObject products(List<Product> products) {
    JsonArray array = new JsonArray();
    products.forEach(product -> array.add(product(product)));
    return new JsonObject().put("products", array);
  }

  static JsonObject reservation(Reservation reservation) {
    JsonArray items = new JsonArray();
    for (ReservationItem item : reservation.items()) {
      items.add(new JsonObject()
          .put("productId", item.productId())
          .put("quantity", item.quantity())
          .put("unitPriceCents", item.unitPriceCents()));
    }
    return new JsonObject()
        .put("reservationId", reservation.reservationId())
        .put("status", reservation.status().name())
        .put("items", items)
        .put("totalCents", reservation.totalCents());
  }

  /** A ProductInput body, already checked against the contract, for the product in the path. */
  static ProductDefinition productDefinition(String productId, JsonObject body) {
    return new ProductDefinition(productId, body.getString("name"), wholeNumber(body, "priceCents"), wholeNumber(body, "available"));
  }

  /**
   * A member the contract types as an integer. The validator also takes numbers written with a
   * fraction or an exponent whose value it reads as whole, including {@code 1e-400}, which is not
   * zero but reads as 0.0; only digits are taken.
   */
  private static long wholeNumber(JsonObject body, String member) {
    Object value = body.getValue(member);
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw new InvalidInputException(member + " must be a whole number written as digits only");
  }

  /** A ReservationRequest body, already checked against the contract. */
  static ReservationRequest reservationRequest(JsonObject body) {
    JsonArray array = body.getJsonArray("items");
    List<RequestedItem> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonObject item = array.getJsonObject(i);
      items.add(new RequestedItem(item.getString("productId"), item.getInteger("quantity")));
    }
    String reservationId = body.getString("reservationId");
    if (reservationId != null && READ_AS_NUMBER_IN_PATH.matcher(reservationId).matches()) {
      // Accepting it would create a reservation that could never be cancelled or committed by path.
      throw new InvalidInputException("reservationId must not read as a decimal number");
    }
    return new ReservationRequest(reservationId, items);
  }
}
