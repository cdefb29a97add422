package dev.vertxshop.benchmarks;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One copy of a ceiling server's HTTP API (see {@link CeilingServer}); several copies share the
 * port, each on its own event loop, and share one PostgreSQL pool, as the services do.
 */
final class CeilingVerticle extends VerticleBase {

  /** Rows in {@code ceiling_items}: few enough to stay in PostgreSQL's cache, as a shop's hot rows do. */
  static final int ITEMS = 1000;

  private static final String SELECT_ITEM = "SELECT id, name, price_cents FROM ceiling_items WHERE id = $1";

  private final CeilingServer.Mode mode;
  private final int port;
  private final Pool pool;

  CeilingVerticle(CeilingServer.Mode mode, int port, Pool pool) {
    this.mode = mode;
    this.port = port;
    this.pool = pool;
  }

  /** Creates the table {@code GET /item} reads, with {@link #ITEMS} rows, unless it is there. */
  static Future<Void> createItems(Pool pool) {
    return pool.query("CREATE TABLE IF NOT EXISTS ceiling_items"
            + " (id integer PRIMARY KEY, name text NOT NULL, price_cents integer NOT NULL)").execute()
        .compose(created -> pool.query("INSERT INTO ceiling_items"
            + " SELECT i, 'item ' || i, 100 + i FROM generate_series(1, " + ITEMS + ") AS i"
            + " ON CONFLICT (id) DO NOTHING").execute())
        .mapEmpty();
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    if (mode == CeilingServer.Mode.JSON) {
      router.get(mode.path()).handler(this::answerJson);
    } else {
      router.get(mode.path()).handler(this::answerItem);
    }
    return vertx.createHttpServer().requestHandler(router).listen(port, "127.0.0.1");
  }

  private void answerJson(RoutingContext context) {
    context.json(new JsonObject().put("message", "Hello, World!"));
  }

  private void answerItem(RoutingContext context) {
    int id = ThreadLocalRandom.current().nextInt(1, ITEMS + 1);
    pool.preparedQuery(SELECT_ITEM).execute(Tuple.of(id))
        .onSuccess(rows -> context.json(item(rows)))
        .onFailure(context::fail);
  }

  private static JsonObject item(RowSet<Row> rows) {
    Row row = rows.iterator().next();
    return new JsonObject()
        .put("id", row.getInteger("id"))
        .put("name", row.getString("name"))
        .put("priceCents", row.getInteger("price_cents"));
  }
}
