package dev.vertxshop.notifications.adapter.in.http;

import dev.vertxshop.notifications.application.OrderNotifications;
import dev.vertxshop.notifications.domain.SentEmail;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import io.vertx.openapi.validation.ValidatedRequest;
import java.util.List;
import java.util.UUID;

/** The handlers of the operations in {@code openapi/notifications.yaml}; requests reach them validated. */
public final class NotificationRoutes {

  private final OrderNotifications notifications;

  public NotificationRoutes(OrderNotifications notifications) {
    this.notifications = notifications;
  }

  /** Registers every operation of the contract on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api.handle("listSentEmails", this::listSentEmails);
  }

  private void listSentEmails(RoutingContext ctx) {
    ValidatedRequest request = ctx.get(RouterBuilder.KEY_META_DATA_VALIDATED_REQUEST);
    String text = request.getQuery().get("orderId").getString();
    UUID orderId;
    try {
      orderId = UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      ctx.fail(ProblemException.badRequest("orderId '" + text + "' is not a UUID"));
      return;
    }
    notifications.sentFor(orderId)
        .onSuccess(emails -> HttpApi.json(ctx, 200, sentEmails(orderId, emails)))
        .onFailure(ctx::fail);
  }

  static JsonObject sentEmails(UUID orderId, List<SentEmail> emails) {
    JsonArray list = new JsonArray();
    for (SentEmail email : emails) {
      list.add(new JsonObject()
          .put("eventId", email.eventId())
          .put("orderId", email.orderId().toString())
          .put("kind", email.kind().name())
          .put("recipient", email.recipient())
          .put("subject", email.subject())
          .put("sentAt", email.sentAt().toString()));
    }
    return new JsonObject().put("orderId", orderId.toString()).put("emails", list);
  }
}
