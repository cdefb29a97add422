package dev.vertxshop.orders.adapter.out.pg;

import dev.vertxshop.orders.domain.Order;
import dev.vertxshop.orders.domain.OrderItem;
import dev.vertxshop.orders.domain.OrderStatus;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A migrated throw-away database with a pool, for one test class. */
final class PgTestSupport implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final TestDatabase database = TestPostgres.createDatabase();
  final PgSettings settings;
  final Pool pool;

  PgTestSupport() {
    this(Map.of());
  }

  /** {@code overrides}: environment variables on top of the database's, e.g. {@code PG_POOL_SIZE}. */
  PgTestSupport(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(database.env());
    env.putAll(overrides);
    settings = PgSettings.configured(ConfigLoader.load(env)).orElseThrow();
    await(Database.migrate(vertx, settings, "orders"));
    pool = Database.pool(vertx, settings);
  }

  static <T> T await(Future<T> future) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 10 s", e);
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  static Order pendingOrder(Instant at) {
    List<OrderItem> items = List.of(new OrderItem("pear", 1, 250), new OrderItem("apple", 2, 100));
    return new Order(UUID.randomUUID(), "cust-1", "ann@example.com", items, 450, OrderStatus.PENDING, null, at, at);
  }

  /** The saga's stored lease owner and expiry (null when it has none), as "owner@expiry" or "none". */
  String lease(UUID orderId) {
    var row = await(pool.preparedQuery("SELECT lease_owner, lease_expires_at FROM orders.sagas WHERE order_id = $1")
        .execute(Tuple.of(orderId))).iterator().next();
    String owner = row.getString("lease_owner");
    return owner == null ? "none" : owner + "@" + Timestamps.fromDb(row, "lease_expires_at");
  }

  long count(String table, UUID orderId) {
    String column = table.equals("orders.orders") ? "id" : "order_id";
    return await(pool.preparedQuery("SELECT count(*) AS n FROM " + table + " WHERE " + column + " = $1").execute(Tuple.of(orderId)))
        .iterator().next().getLong("n");
  }

  @Override
  public void close() {
    await(pool.close());
    await(vertx.close());
    database.close();
  }
}
