package dev.vertxshop.inventory;

import dev.vertxshop.inventory.adapter.in.http.InventoryRoutes;
import dev.vertxshop.inventory.adapter.in.kafka.OrderEventsHandler;
import dev.vertxshop.inventory.adapter.out.pg.PgInventoryStore;
import dev.vertxshop.inventory.application.DemoCatalogue;
import dev.vertxshop.inventory.application.InventoryService;
import dev.vertxshop.platform.events.EventConsumer;
import dev.vertxshop.platform.events.RedisSettings;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.metrics.ConsumerMetrics;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.pg.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory service: migrates the {@code inventory} schema, seeds the demo catalogue when asked
 * to, consumes topic {@code orders} as consumer group {@code inventory} (a completed order commits
 * its reservation), and serves the HTTP API of {@code contracts/openapi/inventory.yaml} with the
 * consumer's admin endpoints.
 */
public final class InventoryVerticle extends VerticleBase {

  public static final String SERVICE = "inventory";
  static final String SCHEMA = "inventory";
  static final String CONTRACT = "openapi/inventory.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(InventoryVerticle.class);

  private final InventoryConfig config;
  private Pool pool;
  private Redis redis;
  private PgInventoryStore store;
  private InventoryService service;
  private EventConsumer consumer;
  private ServiceMetrics metrics;
  private Health health;
  private HttpServer server;
  private AuthGuard guard;

  public InventoryVerticle(InventoryConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> openStore())
        .compose(opened -> seedDemoCatalogue())
        .compose(seeded -> consumeOrderEvents())
        .compose(consuming -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::listen)
        .onSuccess(listening -> health.started())
        .onSuccess(listening -> LOG.info("Inventory listening on port {}, consuming {} as group {}",
            listening.actualPort(), Topics.ORDERS, consumer.group()))
        .recover(failure -> closeAll().transform(closed -> Future.failedFuture(failure)));
  }

  /**
   * Readiness turns 503 and the requests in flight are answered (within the drain timeout); then
   * it stops taking events, so that none is applied while the rest shuts down.
   */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture() : health.shutdown(server);
    return drained.eventually(this::closeAll);
  }

  /** The port the HTTP API listens on; known once the verticle has started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("The inventory verticle has not started");
    }
    return server.actualPort();
  }

  private Future<Void> openStore() {
    pool = Database.pool(vertx, config.pg(), SERVICE);
    store = new PgInventoryStore(pool);
    service = new InventoryService(store);
    return Future.succeededFuture();
  }

  private Future<Integer> seedDemoCatalogue() {
    return config.demoCatalogue() ? DemoCatalogue.seed(vertx, store) : Future.succeededFuture(0);
  }

  private Future<EventConsumer> consumeOrderEvents() {
    redis = config.redis().client(vertx);
    return EventConsumer.start(vertx, config.kafka(), redis, config.consumer(), Topics.ORDERS, new OrderEventsHandler(service))
        .onSuccess(started -> consumer = started);
  }

  private Future<HttpServer> listen(HttpApi api) {
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config()))
        .readiness("database", () -> Database.ping(pool))
        .readiness("redis", () -> RedisSettings.ping(redis))
        .readiness("kafka", consumer::ping);
    guard = AuthGuard.create(vertx, config.auth());
    new InventoryRoutes(service).register(api.secure(guard));
    metrics = ServiceMetrics.create(vertx, SERVICE);
    ConsumerMetrics.watch(metrics, consumer);
    return api.listen(api.router(health, null, List.of(consumer)), config.httpPort()).onSuccess(started -> server = started);
  }

  /** Consumer, then server, then clients: each step runs whether or not the one before it worked. */
  private Future<Void> closeAll() {
    if (metrics != null) {
      metrics.close();
    }
    if (guard != null) {
      guard.close();
    }
    Future<Void> consumerStopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumerStopped
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close())
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close());
  }
}
