package dev.vertxshop.orders.adapter.in.http;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Inventory and payments on one port, answering as their contracts say (just enough of them):
 * products with prices and stock, all-or-nothing reservations, charges declined for the card
 * 4000000000000002, and charges held unanswered for the card 4000000000009999 until the test
 * releases them.
 */
final class ContractStub implements AutoCloseable {

  static final String DECLINED_CARD = "4000000000000002";
  static final String SLOW_CARD = "4000000000009999";

  private record Product(long priceCents, int available) {}

  private final Vertx vertx = Vertx.vertx();
  private final Map<String, Product> products = new ConcurrentHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final List<String[]> callsWithIds = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private final List<Promise<Void>> heldCharges = new ArrayList<>();
  private final HttpServer server;

  ContractStub() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create());
    router.route().handler(this::log);
    router.get("/api/products").handler(this::listProducts);
    router.post("/api/reservations").handler(this::reserve);
    router.post("/api/reservations/:id/cancel").handler(ctx -> json(ctx, 200, new JsonObject()
        .put("reservationId", ctx.pathParam("id")).put("status", "CANCELLED").put("items", new JsonArray()).put("totalCents", 0)));
    router.post("/api/charges").handler(this::charge);
    router.post("/api/charges/:id/refund").handler(ctx -> json(ctx, 200, new JsonObject()
        .put("chargeId", "ch-" + ctx.pathParam("id")).put("orderId", ctx.pathParam("id")).put("amountCents", 0).put("status", "VOIDED")));
    server = RunningOrders.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  ContractStub product(String productId, long priceCents, int available) {
    products.put(productId, new Product(priceCents, available));
    return this;
  }

  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The Authorization header of every call, in order ("null" for none). */
  synchronized List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  /** The calls about order {@code id} (named in the path, or in the body of a reserve or charge), in order. */
  synchronized List<String> callsFor(String id) {
    return callsWithIds.stream().filter(call -> id.equals(call[1])).map(call -> call[0]).toList();
  }

  synchronized int heldCharges() {
    return heldCharges.size();
  }

  /** Answers every held charge as SUCCEEDED. */
  void releaseHeldCharges() {
    List<Promise<Void>> held;
    synchronized (this) {
      held = List.copyOf(heldCharges);
      heldCharges.clear();
    }
    held.forEach(Promise::complete);
  }

  private void log(RoutingContext ctx) {
    String call = ctx.request().method() + " " + ctx.request().path();
    String id = null;
    if (call.equals("POST /api/reservations") || call.equals("POST /api/charges")) {
      JsonObject body = ctx.body().asJsonObject();
      id = body.getString(call.endsWith("reservations") ? "reservationId" : "orderId");
    } else if (ctx.request().path().split("/").length > 3) {
      id = ctx.request().path().split("/")[3];
    }
    synchronized (this) {
      calls.add(call);
      callsWithIds.add(new String[] {call, id});
      authorizations.add(String.valueOf(ctx.request().getHeader("Authorization")));
    }
    ctx.next();
  }

  private void listProducts(RoutingContext ctx) {
    JsonArray found = new JsonArray();
    for (String id : ctx.queryParams().get("ids").split(",")) {
      Product product = products.get(id);
      if (product != null) {
        found.add(new JsonObject().put("productId", id).put("name", id).put("priceCents", product.priceCents())
            .put("available", product.available()).put("reserved", 0));
      }
    }
    json(ctx, 200, new JsonObject().put("products", found));
  }

  private void reserve(RoutingContext ctx) {
    JsonObject request = ctx.body().asJsonObject();
    JsonArray items = new JsonArray();
    long total = 0;
    for (Object raw : request.getJsonArray("items")) {
      JsonObject item = (JsonObject) raw;
      Product product = products.get(item.getString("productId"));
      if (product == null) {
        problem(ctx, 422, "unknown-product", item.getString("productId"));
        return;
      }
      if (product.available() < item.getInteger("quantity")) {
        problem(ctx, 409, "insufficient-stock", item.getString("productId"));
        return;
      }
      items.add(item.copy().put("unitPriceCents", product.priceCents()));
      total += product.priceCents() * item.getInteger("quantity");
    }
    json(ctx, 201, new JsonObject().put("reservationId", request.getString("reservationId")).put("status", "RESERVED")
        .put("items", items).put("totalCents", total));
  }

  private void charge(RoutingContext ctx) {
    JsonObject request = ctx.body().asJsonObject();
    String card = request.getJsonObject("paymentMethod").getString("cardNumber");
    JsonObject charge = new JsonObject().put("chargeId", "ch-" + request.getString("orderId"))
        .put("orderId", request.getString("orderId")).put("amountCents", request.getLong("amountCents"))
        .put("cardLast4", card.substring(card.length() - 4));
    if (DECLINED_CARD.equals(card)) {
      json(ctx, 201, charge.put("status", "DECLINED").put("declineReason", "card_declined"));
    } else if (SLOW_CARD.equals(card)) {
      Promise<Void> release = Promise.promise();
      synchronized (this) {
        heldCharges.add(release);
      }
      release.future().onSuccess(released -> json(ctx, 201, charge.put("status", "SUCCEEDED")));
    } else {
      json(ctx, 201, charge.put("status", "SUCCEEDED"));
    }
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(body.encode());
  }

  private static void problem(RoutingContext ctx, int status, String slug, String productId) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/problem+json").end(new JsonObject()
        .put("type", "urn:vertx-shop:problem:" + slug).put("title", slug).put("status", status).put("productId", productId).encode());
  }

  @Override
  public void close() {
    RunningOrders.await(vertx.close());
  }
}
