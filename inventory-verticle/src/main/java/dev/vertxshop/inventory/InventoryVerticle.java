package dev.vertxshop.inventory;

import dev.vertxshop.inventory.adapter.in.http.InventoryRoutes;
import dev.vertxshop.inventory.adapter.out.pg.PgInventoryStore;
import dev.vertxshop.inventory.application.DemoCatalogue;
import dev.vertxshop.inventory.application.InventoryService;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.pg.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inventory service: migrates the {@code inventory} schema, seeds the demo catalogue when asked
 * to, and serves the HTTP API of {@code contracts/openapi/inventory.yaml}.
 */
public final class InventoryVerticle extends VerticleBase {

  public static final String SERVICE = "inventory";
  static final String SCHEMA = "inventory";
  static final String CONTRACT = "openapi/inventory.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(InventoryVerticle.class);

  private final InventoryConfig config;
  private Pool pool;
  private PgInventoryStore store;
  private HttpServer server;

  public InventoryVerticle(InventoryConfig config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> openStore())
        .compose(opened -> seedDemoCatalogue())
        .compose(seeded -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::listen)
        .onSuccess(listening -> LOG.info("Inventory listening on port {}", listening.actualPort()))
        .onFailure(failure -> closePool());
  }

  @Override
  public Future<?> stop() {
    Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
    return serverClosed.eventually(this::closePool);
  }

  /** The port the HTTP API listens on; known once the verticle has started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("The inventory verticle has not started");
    }
    return server.actualPort();
  }

  private Future<Void> openStore() {
    pool = Database.pool(vertx, config.pg());
    store = new PgInventoryStore(pool);
    return Future.succeededFuture();
  }

  private Future<Integer> seedDemoCatalogue() {
    return config.demoCatalogue() ? DemoCatalogue.seed(vertx, store) : Future.succeededFuture(0);
  }

  private Future<HttpServer> listen(HttpApi api) {
    Health health = Health.create(vertx).readiness("database", () -> Database.ping(pool));
    new InventoryRoutes(new InventoryService(store)).register(api);
    return api.listen(api.router(health), config.httpPort()).onSuccess(started -> server = started);
  }

  private Future<Void> closePool() {
    return pool == null ? Future.succeededFuture() : pool.close();
  }
}
