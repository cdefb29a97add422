package dev.vertxshop.platform.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.function.Supplier;

/**
 * A service's health endpoints. {@code GET /health/live} answers as long as the event loop runs (no
 * dependency is checked, so an outage never restarts the process); {@code GET /health/ready} runs
 * every readiness check (the service's own dependencies only, never other services) and answers
 * 503 when one fails, listing each check with its status.
 */
public final class Health {

  private static final long CHECK_TIMEOUT_MS = 2000;

  private final HealthChecks readiness;
  private int checks;

  private Health(Vertx vertx) {
    this.readiness = HealthChecks.create(vertx);
  }

  public static Health create(Vertx vertx) {
    return new Health(vertx);
  }

  /** Adds a readiness check: the service is ready while {@code check} succeeds. */
  public Health readiness(String name, Supplier<Future<?>> check) {
    checks++;
    readiness.register(name, CHECK_TIMEOUT_MS, promise -> check.get()
        .onSuccess(ignored -> promise.complete(Status.OK()))
        .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage()))))));
    return this;
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(new JsonObject().put("status", "UP").encode()));
    if (checks == 0) {
      // Nothing to depend on: ready whenever the server answers (the handler alone would say 204).
      router.get("/health/ready").handler(ctx -> ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
          .end(new JsonObject().put("status", "UP").put("checks", new JsonArray()).encode()));
    } else {
      router.get("/health/ready").handler(HealthCheckHandler.createWithHealthChecks(readiness));
    }
  }
}
