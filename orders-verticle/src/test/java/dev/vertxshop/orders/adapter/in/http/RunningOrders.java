package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.OrdersConfig;
import dev.vertxshop.orders.OrdersVerticle;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.pg.PgSettings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real OrdersVerticle on a free port with its own database, and a client for it; its Vert.x records metrics as the launcher's does. */
final class RunningOrders implements AutoCloseable {

  final Vertx vertx = Vertx.vertx(Metrics.configure(new VertxOptions(), ConfigLoader.load(Map.of())));
  final TestDatabase database;
  final OrdersVerticle verticle;
  final WebClient client;

  /**
   * {@code overrides}: environment variables on top of the database's and the test Kafka broker's,
   * e.g. the service URLs.
   */
  RunningOrders(Map<String, String> overrides) {
    this(TestPostgres.createDatabase(), overrides);
  }

  /** On {@code database}, which may hold data already (see {@link #migratedDatabase()}); closing drops it. */
  RunningOrders(TestDatabase database, Map<String, String> overrides) {
    this(database, overrides, Map.of());
  }

  /** {@code settings}: configuration keys set after the environment is applied (keys the defaults may lack). */
  RunningOrders(TestDatabase database, Map<String, String> overrides, Map<String, Object> settings) {
    this.database = database;
    Map<String, String> env = new HashMap<>(database.env());
    env.put("ORDERS_HTTP_PORT", "0");
    env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    env.putAll(TestTokens.env());
    env.putAll(overrides);
    Settings configured = ConfigLoader.load(env);
    for (Map.Entry<String, Object> setting : settings.entrySet()) {
      configured = configured.with(setting.getKey(), setting.getValue());
    }
    verticle = new OrdersVerticle(OrdersConfig.from(configured));
    await(vertx.deployVerticle(verticle));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.httpPort()));
  }

  /** A new database with the orders schema, before any orders service has started on it. */
  static TestDatabase migratedDatabase() {
    TestDatabase database = TestPostgres.createDatabase();
    Vertx vertx = Vertx.vertx();
    try {
      await(Database.migrate(vertx, PgSettings.configured(ConfigLoader.load(database.env())).orElseThrow(), OrdersVerticle.SERVICE));
    } finally {
      await(vertx.close());
    }
    return database;
  }

  /** A port on which nothing listens. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends with the token a well-behaved client would: placing an order, a token of the customer the
   * body names (cust-1 when it names none); anything else, an operator's token.
   */
  HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body) {
    String token = method == HttpMethod.POST && path.equals("/api/orders") ? customerToken(body) : TestTokens.admin();
    return sendAs(token, method, path, contentType, body);
  }

  /** Sends with {@code token} as bearer token (none when null). */
  HttpResponse<Buffer> sendAs(String token, HttpMethod method, String path, String contentType, String body) {
    var request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", TestTokens.bearer(token));
    }
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> postJson(String body) {
    return send(HttpMethod.POST, "/api/orders", "application/json", body);
  }

  /** Places an order with an {@code Idempotency-Key}, without waiting for the answer. */
  Future<HttpResponse<Buffer>> placeWithKey(String key, String body) {
    return client.post("/api/orders").putHeader("content-type", "application/json").putHeader("Idempotency-Key", key)
        .putHeader("Authorization", TestTokens.bearer(customerToken(body)))
        .sendBuffer(Buffer.buffer(body));
  }

  /** A token of the customer that {@code body} names, or of cust-1. */
  static String customerToken(String body) {
    String customer = "cust-1";
    try {
      if (body != null && new JsonObject(body).getValue("customerId") instanceof String named && !named.isBlank()
          && named.length() <= 64) {
        customer = named;
      }
    } catch (DecodeException | ClassCastException notAnObject) {
      // Malformed bodies are sent by cust-1.
    }
    return TestTokens.customer(customer);
  }

  HttpResponse<Buffer> post(String path) {
    return send(HttpMethod.POST, path, null, null);
  }

  HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  /** Rows in every table of the orders schema. */
  long rowsInOrdersSchema() {
    return count("SELECT (SELECT count(*) FROM orders.orders) + (SELECT count(*) FROM orders.order_items)"
        + " + (SELECT count(*) FROM orders.sagas) + (SELECT count(*) FROM orders.saga_steps)"
        + " + (SELECT count(*) FROM orders.idempotency_keys) + (SELECT count(*) FROM orders.outbox)");
  }

  /** The single number that {@code sql} selects, with {@code params} bound in order. */
  long count(String sql, Object... params) {
    return count(database, sql, params);
  }

  static long count(TestDatabase database, String sql, Object... params) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The UUIDs in the first column of what {@code sql} selects. */
  static List<UUID> uuids(TestDatabase database, String sql) {
    return strings(database, sql).stream().map(UUID::fromString).toList();
  }

  /** The first column of what {@code sql} selects, as text, with {@code params} bound in order. */
  static List<String> strings(TestDatabase database, String sql, Object... params) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code sql} with {@code params} bound in order. */
  static void execute(TestDatabase database, String sql, Object... params) {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      bind(statement, params);
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement statement, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      statement.setObject(i + 1, params[i]);
    }
  }

  /** The saga's step log as "STEP ACTION STATUS" lines, oldest first. */
  List<String> stepLog(String orderId) {
    String sql = "SELECT step, action, status FROM orders.saga_steps WHERE order_id = ?::uuid ORDER BY id";
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, orderId);
      List<String> lines = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          lines.add(rows.getString(1) + " " + rows.getString(2) + " " + rows.getString(3));
        }
      }
      return lines;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      // A stop waits for the outbox relay's pass in hand, which may be waiting for an unreachable Kafka.
      return future.await(30, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 30 s", e);
    }
  }

  /** Stops the service (as a shutdown does), keeping its database for another to start on. */
  void stopKeepingTheDatabase() {
    await(vertx.close());
  }

  @Override
  public void close() {
    await(vertx.close());
    database.close();
  }
}
