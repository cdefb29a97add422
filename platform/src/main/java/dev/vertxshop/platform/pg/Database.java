package dev.vertxshop.platform.pg;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A service's PostgreSQL schema: its Flyway migrations and its connection pool. */
public final class Database {

  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  private Database() {}

  /**
   * Creates or upgrades {@code schema} from the migrations under {@code classpath:db/<schema>},
   * on a worker thread (Flyway uses JDBC).
   */
  public static Future<Void> migrate(Vertx vertx, PgSettings pg, String schema) {
    return vertx.executeBlocking(() -> {
      MigrateResult result = Flyway.configure(Database.class.getClassLoader())
          .dataSource(pg.jdbcUrl(), pg.user(), pg.password())
          .schemas(schema)
          .defaultSchema(schema)
          .createSchemas(true)
          .locations("classpath:db/" + schema)
          .connectRetries(3)
          .load()
          .migrate();
      LOG.info("Schema {} at version {} ({} migrations applied) on {}",
          schema, result.targetSchemaVersion, result.migrationsExecuted, pg.describe());
      return null;
    }, false);
  }

  /** A pool of {@code pg.pool-size} connections shared by every event loop of the service. */
  public static Pool pool(Vertx vertx, PgSettings pg) {
    return pool(vertx, pg, new PoolOptions().getName());
  }

  /**
   * The pool of {@link #pool(Vertx, PgSettings)}, named {@code name}: its usage is recorded as
   * {@code vertx_pool_*{pool_type="sql",pool_name=<name>}}, so the services sharing one Vert.x
   * instance each show their own.
   */
  public static Pool pool(Vertx vertx, PgSettings pg, String name) {
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(pg.poolSize()).setMaxWaitQueueSize(10_000).setName(name))
        .connectingTo(pg.connectOptions())
        .using(vertx)
        .build();
  }

  /** One round trip to the server: what readiness checks. */
  public static Future<Void> ping(Pool pool) {
    return pool.query("SELECT 1").execute().mapEmpty();
  }
}
