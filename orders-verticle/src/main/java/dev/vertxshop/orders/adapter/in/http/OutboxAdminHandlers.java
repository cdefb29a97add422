package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.application.OutboxRelay;
import dev.vertxshop.platform.http.HttpApi;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** The operator operation of orders.yaml on the outbox: how many events wait, and how the relay fares. */
public final class OutboxAdminHandlers {

  private final OutboxRelay relay;

  public OutboxAdminHandlers(OutboxRelay relay) {
    this.relay = relay;
  }

  /** Registers the operation on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api.handle("outboxStatus", this::outboxStatus);
  }

  private void outboxStatus(RoutingContext ctx) {
    relay.status().onComplete(status -> HttpApi.json(ctx, 200, json(status)), ctx::fail);
  }

  /** OutboxStatus of orders.yaml. */
  static JsonObject json(OutboxRelay.Status status) {
    JsonObject relayJson = new JsonObject()
        .put("running", status.running())
        .put("publishedSinceStart", status.publishedSinceStart())
        .put("failedPassesInARow", status.failedPassesInARow());
    if (status.lastFailure() != null) {
      relayJson.put("lastFailure", status.lastFailure());
    }
    JsonObject json = new JsonObject()
        .put("pending", status.counts().pending())
        .put("published", status.counts().published())
        .put("relay", relayJson);
    if (status.oldestPendingAge() != null) {
      json.put("oldestPendingAgeMs", status.oldestPendingAge().toMillis())
          .put("oldestPendingAt", status.counts().oldestPendingAt().toString());
    }
    return json;
  }
}
