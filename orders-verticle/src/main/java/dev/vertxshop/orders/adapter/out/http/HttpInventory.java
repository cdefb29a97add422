package dev.vertxshop.orders.adapter.out.http;

import dev.vertxshop.orders.application.CatalogueUnavailableException;
import dev.vertxshop.orders.application.Inventory;
import dev.vertxshop.orders.domain.CompensationOutcome;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderLine;
import dev.vertxshop.orders.domain.PriceList;
import dev.vertxshop.orders.domain.ReserveOutcome;
import dev.vertxshop.platform.http.Repeat;
import dev.vertxshop.platform.http.ServiceClient;
import dev.vertxshop.platform.http.ServiceResponse;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@link Inventory} over inventory's HTTP API (contracts/openapi/inventory.yaml). The reservation id
 * is the order id. Answers that the contract does not allow count as no answer.
 *
 * <p>Every call is safe to repeat (the price lookup is a GET; reserve and cancel are idempotent by
 * the reservation id), so the client retries them within its deadline. A call refused by inventory's
 * open circuit breaker ({@code DownstreamException} {@code CIRCUIT_OPEN}, nothing sent) takes the
 * path of a call without an answer — an unknown outcome, or {@link CatalogueUnavailableException}
 * for the prices (answered 503 with {@code Retry-After}) — except for a cancel, which is then not
 * attempted at all and waits for the breaker.
 */
public final class HttpInventory implements Inventory {

  private final ServiceClient client;

  public HttpInventory(ServiceClient client) {
    this.client = client;
  }

  @Override
  public Future<PriceList> prices(Set<String> productIds) {
    // Product ids are [A-Za-z0-9._-] only, so the comma-separated list needs no escaping.
    String path = "/api/products?ids=" + String.join(",", productIds);
    return client.get(path)
        .compose(response -> response.isSuccess()
            ? Future.succeededFuture(toPriceList(response.body(), productIds))
            : Future.<PriceList>failedFuture(new IllegalStateException("inventory answered " + response.status() + " " + Answers.slug(response))))
        .recover(failure -> Future.failedFuture(new CatalogueUnavailableException(
            "The catalogue could not be read: " + Answers.describe(failure), failure)));
  }

  @Override
  public Future<ReserveOutcome> reserve(UUID reservationId, List<OrderLine> lines) {
    JsonArray items = new JsonArray();
    lines.forEach(line -> items.add(new JsonObject().put("productId", line.productId()).put("quantity", line.quantity())));
    JsonObject request = new JsonObject().put("reservationId", reservationId.toString()).put("items", items);
    return client.post("/api/reservations", request, Repeat.SAFE)
        .map(HttpInventory::toReserveOutcome)
        .otherwise(failure -> new ReserveOutcome.Unknown(Answers.describe(failure)));
  }

  @Override
  public Future<CompensationOutcome> cancel(UUID reservationId) {
    return client.post("/api/reservations/" + reservationId + "/cancel", null, Repeat.SAFE)
        .map(HttpInventory::toCancelOutcome)
        .otherwise(Answers::compensationFailure);
  }

  private static PriceList toPriceList(JsonObject body, Set<String> wanted) {
    Map<String, Long> prices = new HashMap<>();
    JsonArray products = body.getJsonArray("products");
    for (int i = 0; i < products.size(); i++) {
      JsonObject product = products.getJsonObject(i);
      String productId = product.getString("productId");
      if (wanted.contains(productId)) {
        prices.put(productId, product.getLong("priceCents"));
      }
    }
    return new PriceList(prices);
  }

  private static ReserveOutcome toReserveOutcome(ServiceResponse response) {
    if (response.isSuccess()) {
      String status = response.body().getString("status");
      return switch (status == null ? "" : status) {
        case "RESERVED", "COMMITTED" -> reserved(response.body());
        case "CANCELLED" -> new ReserveOutcome.Cancelled();
        default -> new ReserveOutcome.Unknown("inventory answered " + response.status() + " with reservation status '" + status + "'");
      };
    }
    String slug = Answers.slug(response);
    if (response.status() == 409 && "insufficient-stock".equals(slug)) {
      return new ReserveOutcome.Insufficient(Answers.extension(response, "productId"));
    }
    if (response.status() == 422 && "unknown-product".equals(slug)) {
      return new ReserveOutcome.UnknownProduct(Answers.extension(response, "productId"));
    }
    return new ReserveOutcome.Refused(slug, Answers.detail(response));
  }

  private static ReserveOutcome reserved(JsonObject reservation) {
    JsonArray items = reservation.getJsonArray("items");
    List<OrderItem> reserved = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      JsonObject item = items.getJsonObject(i);
      reserved.add(new OrderItem(item.getString("productId"), item.getInteger("quantity"), item.getLong("unitPriceCents")));
    }
    return new ReserveOutcome.Reserved(reserved, reservation.getLong("totalCents"));
  }

  /** Only a 409 is a refusal (the reservation was committed); anything else may pass, so retry. */
  private static CompensationOutcome toCancelOutcome(ServiceResponse response) {
    if (response.isSuccess()) {
      String status = response.body().getString("status");
      return "CANCELLED".equals(status)
          ? new CompensationOutcome.Done("reservation cancelled")
          : new CompensationOutcome.Unknown("inventory answered " + response.status() + " with reservation status '" + status + "'");
    }
    if (response.status() == 409) {
      return new CompensationOutcome.Refused(Answers.slug(response), Answers.detail(response));
    }
    return new CompensationOutcome.Unknown("inventory answered " + response.status() + " " + Answers.slug(response));
  }
}
