package dev.vertxshop.inventory;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestRedis;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real inventory service for tests: an {@link InventoryVerticle} on a free port against a test
 * database, the test Kafka broker and Redis, an HTTP client pointed at it, and a direct view of the
 * tables to check what was written. Its blocking helpers are meant for the test thread, never for an
 * event loop.
 *
 * <p>Each instance consumes as a consumer group of its own, so that services started by different
 * tests never share the events of the broker's one {@code orders} topic.
 */
public final class TestInventory implements AutoCloseable {

  static final Duration WAIT = Duration.ofSeconds(20);

  private final Vertx vertx;
  private final InventoryConfig config;
  private final WebClient client;
  private final Pool pool;
  private String deploymentId;
  private int port;

  private TestInventory(Vertx vertx, InventoryConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"),
        new PoolOptions().setHttp1MaxSize(128));
    this.pool = Database.pool(vertx, config.pg().withPoolSize(2));
  }

  /** Starts the service on {@code database} without the demo catalogue. */
  public static TestInventory start(Vertx vertx, TestDatabase database) {
    return start(vertx, database, Map.of("INVENTORY_DEMO_CATALOGUE", "false"));
  }

  /** Starts the service on {@code database}, with extra environment variables. */
  public static TestInventory start(Vertx vertx, TestDatabase database, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    env.put("REDIS_URL", TestRedis.url());
    env.putAll(extraEnv);
    InventoryConfig config = InventoryConfig.from(settings(database, env));
    TestInventory inventory = new TestInventory(vertx, new InventoryConfig(
        config.httpPort(), config.bodyLimitBytes(), config.pg(), config.demoCatalogue(), config.kafka(), config.redis(),
        config.consumer().withGroup(Ids.unique(InventoryVerticle.SERVICE)), config.auth()));
    inventory.deploy();
    return inventory;
  }

  /**
   * The settings a service gets for {@code database}: a free HTTP port, plus {@code extraEnv} (no
   * Kafka or Redis unless named there).
   */
  public static Settings settings(TestDatabase database, Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(database.env());
    env.put("INVENTORY_HTTP_PORT", "0");
    env.putAll(TestTokens.env());
    env.putAll(extraEnv);
    return ConfigLoader.load(env);
  }

  /** Undeploys the verticle and deploys a new one on the same database, as a process restart would. */
  public void restart() {
    await(vertx.undeploy(deploymentId));
    deploy();
  }

  private void deploy() {
    InventoryVerticle verticle = new InventoryVerticle(config);
    deploymentId = await(vertx.deployVerticle(verticle));
    port = verticle.httpPort();
  }

  public int port() {
    return port;
  }

  /** The consumer group this instance consumes {@code orders} as. */
  public String consumerGroup() {
    return config.consumer().group();
  }

  public HttpResponse<Buffer> get(String path) {
    return await(request(HttpMethod.GET, path).send());
  }

  public HttpResponse<Buffer> put(String path, JsonObject body) {
    return await(request(HttpMethod.PUT, path).sendJsonObject(body));
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(postAsync(path, body));
  }

  public Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
    return request(HttpMethod.POST, path).sendJsonObject(body);
  }

  /** POST without a body. */
  public HttpResponse<Buffer> post(String path) {
    return await(request(HttpMethod.POST, path).send());
  }

  /**
   * Any request, with a raw body and its content type or with neither (both null), for what a
   * well-behaved client would not send.
   */
  public HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, Buffer body) {
    HttpRequest<Buffer> request = request(method, path);
    if (body == null) {
      return await(request.send());
    }
    return await(request.putHeader("Content-Type", contentType).sendBuffer(body));
  }

  /**
   * A request with the token its caller would send: an operator's to change a product, the
   * service token for reservations, none to read the catalogue.
   */
  private HttpRequest<Buffer> request(HttpMethod method, String path) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (path.startsWith("/api/reservations")) {
      request.putHeader("Authorization", TestTokens.bearer(TestTokens.DEFAULT.serviceToken()));
    } else if (method != HttpMethod.GET || path.startsWith("/admin/")) {
      request.putHeader("Authorization", TestTokens.bearer(TestTokens.admin()));
    }
    return request;
  }

  /** Any request, with {@code token} as bearer token (none when null) and a JSON body (none when null). */
  public HttpResponse<Buffer> sendAs(String token, HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, port, "127.0.0.1", path);
    if (token != null) {
      request.putHeader("Authorization", TestTokens.bearer(token));
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** Creates or updates a product through the API. */
  public JsonObject defineProduct(String productId, long priceCents, long available) {
    HttpResponse<Buffer> response = put("/api/products/" + productId,
        new JsonObject().put("name", "Product " + productId).put("priceCents", priceCents).put("available", available));
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IllegalStateException("PUT product answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The product as the API shows it. */
  public JsonObject product(String productId) {
    HttpResponse<Buffer> response = get("/api/products/" + productId);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET product answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /**
   * Every row of every table of the service, in a stable order: two equal snapshots mean nothing was
   * written in between.
   */
  public List<String> tables() {
    List<String> rows = new ArrayList<>();
    for (String sql : List.of(
        "SELECT product_id, name, price_cents, available, reserved FROM inventory.products ORDER BY product_id",
        "SELECT reservation_id, status FROM inventory.reservations ORDER BY reservation_id",
        "SELECT reservation_id, product_id, quantity, unit_price_cents FROM inventory.reservation_items "
            + "ORDER BY reservation_id, product_id",
        "SELECT event_id, event_type FROM inventory.processed_events ORDER BY event_id")) {
      for (Row row : await(pool.query(sql).execute())) {
        rows.add(row.toJson().encode());
      }
    }
    return rows;
  }

  /** How many rows of {@code inventory.processed_events} record the event {@code eventId}. */
  public long processedEvents(String eventId) {
    return await(pool.preparedQuery("SELECT count(*) FROM inventory.processed_events WHERE event_id = $1")
        .execute(Tuple.of(eventId))).iterator().next().getLong(0);
  }

  /** Runs one SQL statement directly against the service's database. */
  public void sql(String statement) {
    await(pool.query(statement).execute());
  }

  public static <T> T await(Future<T> future) {
    try {
      return future.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("No answer within " + WAIT, e);
    }
  }

  @Override
  public void close() {
    client.close();
    await(pool.close());
    if (deploymentId != null) {
      await(vertx.undeploy(deploymentId));
    }
  }
}
