package dev.vertxshop.platform.resilience;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /admin/circuit-breakers}: a JSON array with one object per breaker, {@code {name,
 * state, failureRate, calls, failures, openedAt, retryAfterMs}} (see {@link BreakerSnapshot}).
 * Mounted by {@code HttpApi.router(health, breakers)}, or directly with {@link #mount}.
 */
public final class BreakersEndpoint {

  public static final String PATH = "/admin/circuit-breakers";

  private BreakersEndpoint() {}

  public static Router mount(Router router, CircuitBreakers breakers) {
    router.get(PATH).handler(ctx -> list(ctx, breakers));
    return router;
  }

  private static void list(RoutingContext ctx, CircuitBreakers breakers) {
    JsonArray list = new JsonArray();
    breakers.snapshots().forEach(snapshot -> list.add(snapshot.toJson()));
    ctx.response()
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
        .end(list.encode());
  }
}
