package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.application.SagaAdmin;
import dev.vertxshop.orders.application.SagaHistory;
import dev.vertxshop.orders.application.SagaSummary;
import dev.vertxshop.orders.domain.Saga;
import dev.vertxshop.orders.domain.SagaState;
import dev.vertxshop.orders.domain.StepLogEntry;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.Problem;
import dev.vertxshop.platform.http.ProblemException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The operator operations of orders.yaml on sagas: list by state, count, read one with its step log,
 * retry a parked one.
 */
public final class SagaAdminHandlers {

  static final SagaState DEFAULT_STATE = SagaState.PARKED;
  static final int DEFAULT_LIMIT = 100;

  private final SagaAdmin admin;

  public SagaAdminHandlers(SagaAdmin admin) {
    this.admin = admin;
  }

  /** Registers the operations on {@code api}. */
  public HttpApi register(HttpApi api) {
    return api.handle("listSagas", this::listSagas).handle("countSagas", this::countSagas).handle("getSaga", this::getSaga)
        .handle("retrySaga", this::retrySaga);
  }

  private void listSagas(RoutingContext ctx) {
    // The document restricts both parameters (an enum, 1..1000), so they parse here.
    String state = ctx.queryParams().get("state");
    String limit = ctx.queryParams().get("limit");
    admin.list(state == null ? DEFAULT_STATE : SagaState.valueOf(state), limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit))
        .onComplete(sagas -> HttpApi.json(ctx, 200, new JsonObject().put("sagas", summaries(sagas))), ctx::fail);
  }

  private void countSagas(RoutingContext ctx) {
    admin.counts().onComplete(counts -> HttpApi.json(ctx, 200, countsJson(counts)), ctx::fail);
  }

  private void getSaga(RoutingContext ctx) {
    Optional<UUID> orderId = OrdersHttpHandlers.parseUuid(ctx.pathParam("orderId"));
    if (orderId.isEmpty()) {
      ctx.fail(ProblemException.badRequest("'" + ctx.pathParam("orderId") + "' is not an order id (a UUID)"));
      return;
    }
    admin.history(orderId.get()).onComplete(found -> found.ifPresentOrElse(
        history -> HttpApi.json(ctx, 200, history(history)),
        () -> ctx.fail(ProblemException.notFound("No saga for order " + orderId.get()))), ctx::fail);
  }

  private void retrySaga(RoutingContext ctx) {
    Optional<UUID> orderId = OrdersHttpHandlers.parseUuid(ctx.pathParam("orderId"));
    if (orderId.isEmpty()) {
      ctx.fail(ProblemException.badRequest("'" + ctx.pathParam("orderId") + "' is not an order id (a UUID)"));
      return;
    }
    admin.retry(orderId.get()).onComplete(retry -> answerRetry(ctx, orderId.get(), retry), ctx::fail);
  }

  private static void answerRetry(RoutingContext ctx, UUID orderId, SagaAdmin.Retry retry) {
    if (retry instanceof SagaAdmin.Retry.Requeued requeued) {
      HttpApi.json(ctx, 202, saga(requeued.saga()));
    } else if (retry instanceof SagaAdmin.Retry.NotParked notParked) {
      ctx.fail(new ProblemException(Problem.of("saga-not-parked", "Saga not parked", 409,
          "The saga of order " + orderId + " is " + notParked.state() + "; only a PARKED saga can be retried")
          .with("state", notParked.state().name())));
    } else {
      ctx.fail(ProblemException.notFound("No saga for order " + orderId));
    }
  }

  private static JsonArray summaries(List<SagaSummary> sagas) {
    JsonArray array = new JsonArray();
    sagas.forEach(summary -> {
      JsonObject json = saga(summary.saga());
      if (summary.lastError() != null) {
        json.put("lastError", summary.lastError());
      }
      array.add(json);
    });
    return array;
  }

  /** SagaSummary of orders.yaml. */
  static JsonObject saga(Saga saga) {
    JsonObject json = new JsonObject()
        .put("orderId", saga.orderId().toString())
        .put("state", saga.state().name())
        .put("step", saga.step().name())
        .put("attempts", saga.attempts())
        .put("createdAt", saga.createdAt().toString())
        .put("updatedAt", saga.updatedAt().toString());
    if (saga.failureReason() != null) {
      json.put("failureReason", saga.failureReason().text());
    }
    if (saga.nextAttemptAt() != null) {
      json.put("nextAttemptAt", saga.nextAttemptAt().toString());
    }
    return json;
  }

  /** SagaHistory of orders.yaml. */
  static JsonObject history(SagaHistory history) {
    JsonArray steps = new JsonArray();
    history.steps().forEach(recorded -> {
      StepLogEntry entry = recorded.entry();
      JsonObject step = new JsonObject()
          .put("step", entry.step().name())
          .put("action", entry.action().name())
          .put("status", entry.status().name())
          .put("at", entry.at().toString());
      if (entry.detail() != null) {
        step.put("detail", entry.detail());
      }
      if (recorded.drivenBy() != null) {
        step.put("drivenBy", recorded.drivenBy());
      }
      steps.add(step);
    });
    return saga(history.saga()).put("steps", steps);
  }

  private static JsonObject countsJson(Map<SagaState, Long> counts) {
    JsonObject byState = new JsonObject();
    long total = 0;
    for (SagaState state : SagaState.values()) {
      long count = counts.getOrDefault(state, 0L);
      byState.put(state.name(), count);
      total += count;
    }
    return new JsonObject().put("counts", byState).put("total", total);
  }
}
