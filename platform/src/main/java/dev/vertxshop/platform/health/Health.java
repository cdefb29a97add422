package dev.vertxshop.platform.health;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.healthchecks.HealthChecks;
import io.vertx.ext.healthchecks.Status;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.healthchecks.HealthCheckHandler;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A service's health endpoints and its part in a graceful shutdown.
 *
 * <ul>
 *   <li>{@code GET /health/live} answers as long as the event loop runs (no dependency is checked, so
 *       an outage never restarts the process);
 *   <li>{@code GET /health/started} answers 200 once the service called {@link #started()} (schema
 *       migrated, consumers and servers running) and 503 before, for a Kubernetes startup probe. The
 *       HTTP server is among the last things a service starts, so during most of a start-up the port
 *       refuses connections, which a startup probe counts as "not started" as well;
 *   <li>{@code GET /health/ready} runs every readiness check (the service's own dependencies only,
 *       never other services) and answers 503 when one fails, listing each check with its status. Before
 *       {@link #started()}, and from the moment the service is stopping, it answers 503 whatever
 *       the checks say, adding the check {@value #LIFECYCLE_CHECK} (down, with the phase) to the
 *       list, so that traffic stops before the server does.
 * </ul>
 *
 * <p>Stopping: {@link #announceStopping(Vertx)} turns the readiness of every service of a Vert.x
 * instance to 503 at once; {@link #shutdown(HttpServer)} then lets the server's requests in flight
 * finish, within the drain timeout of {@link ShutdownSettings}, while it accepts no new connection.
 */
public final class Health {

  /** The local event-bus address on which {@link #announceStopping} reaches every instance. */
  public static final String STOPPING_ADDRESS = "vertx-shop.health.stopping";
  /** The readiness check that follows start-up and shutdown. */
  public static final String LIFECYCLE_CHECK = "lifecycle";

  private static final long CHECK_TIMEOUT_MS = 2000;

  private enum Phase { STARTING, STARTED, STOPPING }

  private final Vertx vertx;
  private final ShutdownSettings shutdown;
  private final HealthChecks readiness;
  private int checks;
  // Written on the service's event loop, read by monitoring threads and other contexts (gRPC health).
  private volatile Phase phase = Phase.STARTING;

  private Health(Vertx vertx, ShutdownSettings shutdown) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
    this.readiness = HealthChecks.create(vertx);
    vertx.eventBus().localConsumer(STOPPING_ADDRESS, announced -> stopping());
  }

  /** Health with the {@link ShutdownSettings#DEFAULTS default} shutdown settings. */
  public static Health create(Vertx vertx) {
    return new Health(vertx, ShutdownSettings.DEFAULTS);
  }

  public static Health create(Vertx vertx, ShutdownSettings shutdown) {
    return new Health(vertx, shutdown);
  }

  /**
   * Tells every {@code Health} of {@code vertx} that the process is stopping: their readiness turns
   * 503 as soon as their event loops take the message.
   */
  public static void announceStopping(Vertx vertx) {
    vertx.eventBus().publish(STOPPING_ADDRESS, null);
  }

  /** Adds a readiness check: the service is ready while {@code check} succeeds. */
  public Health readiness(String name, Supplier<Future<?>> check) {
    checks++;
    readiness.register(name, CHECK_TIMEOUT_MS, promise -> check.get()
        .onSuccess(ignored -> promise.complete(Status.OK()))
        .onFailure(e -> promise.complete(Status.KO(new JsonObject().put("error", String.valueOf(e.getMessage()))))));
    return this;
  }

  /** Start-up is done: {@code /health/started} answers 200 and readiness depends on the checks alone. */
  public Health started() {
    if (phase == Phase.STARTING) {
      phase = Phase.STARTED;
    }
    return this;
  }

  /** From now on readiness answers 503; the server goes on answering until it is shut down. */
  public void stopping() {
    phase = Phase.STOPPING;
  }

  /** Whether the service has started and is not stopping: what its readiness adds to its checks. */
  public boolean accepting() {
    return phase == Phase.STARTED;
  }

  public ShutdownSettings shutdownSettings() {
    return shutdown;
  }

  /**
   * Stops {@code server} gracefully: readiness turns 503 (unless the stop was announced before, the
   * pre-stop delay passes so that load balancers notice), then the server accepts no new connection
   * and closes each open one once its requests in flight are answered, or when the drain timeout
   * ends.
   */
  public Future<Void> shutdown(HttpServer server) {
    boolean announced = phase == Phase.STOPPING;
    stopping();
    Future<Void> noticed = announced ? Future.succeededFuture() : delay(shutdown.preStopDelay().toMillis());
    return noticed.compose(delayed -> server.shutdown(shutdown.drainTimeout().toMillis(), TimeUnit.MILLISECONDS));
  }

  private Future<Void> delay(long millis) {
    if (millis <= 0) {
      return Future.succeededFuture();
    }
    Promise<Void> elapsed = Promise.promise();
    vertx.setTimer(millis, timer -> elapsed.complete());
    return elapsed.future();
  }

  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> answer(ctx, 200, "UP"));
    router.get("/health/started").handler(ctx -> {
      boolean done = phase != Phase.STARTING;
      answer(ctx, done ? 200 : 503, done ? "UP" : "DOWN");
    });
    HealthCheckHandler checked = HealthCheckHandler.createWithHealthChecks(readiness);
    router.get("/health/ready").handler(ctx -> {
      if (!accepting()) {
        notReady(ctx);
      } else if (checks == 0) {
        // Nothing to depend on: ready whenever the server answers (the handler alone would say 204).
        json(ctx, 200, new JsonObject().put("status", "UP").put("checks", new JsonArray()));
      } else {
        checked.handle(ctx);
      }
    });
  }

  /** 503 listing the checks as they are, and {@value #LIFECYCLE_CHECK} down with the phase. */
  private void notReady(RoutingContext ctx) {
    Phase now = phase;
    readiness.checkStatus().onComplete(result -> {
      JsonObject body = result.succeeded() ? result.result().toJson() : new JsonObject();
      JsonArray listed = body.getJsonArray("checks", new JsonArray());
      listed.add(new JsonObject()
          .put("id", LIFECYCLE_CHECK)
          .put("status", "DOWN")
          .put("data", new JsonObject().put("phase", now == Phase.STARTING ? "starting" : "stopping")));
      json(ctx, 503, body.put("checks", listed).put("status", "DOWN").put("outcome", "DOWN"));
    });
  }

  private static void answer(RoutingContext ctx, int status, String state) {
    json(ctx, status, new JsonObject().put("status", state));
  }

  private static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(body.encode());
  }
}
