package dev.vertxshop.orders.adapter.in.http;

import dev.vertxshop.orders.OrdersConfig;
import dev.vertxshop.orders.OrdersVerticle;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A real OrdersVerticle on a free port with its own database, and a client for it. */
final class RunningOrders implements AutoCloseable {

  final Vertx vertx = Vertx.vertx();
  final TestDatabase database = TestPostgres.createDatabase();
  final OrdersVerticle verticle;
  final WebClient client;

  /** {@code overrides}: environment variables on top of the database's, e.g. the service URLs. */
  RunningOrders(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(database.env());
    env.put("ORDERS_HTTP_PORT", "0");
    env.putAll(overrides);
    verticle = new OrdersVerticle(OrdersConfig.from(ConfigLoader.load(env)));
    await(vertx.deployVerticle(verticle));
    client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.httpPort()));
  }

  /** A port on which nothing listens. */
  static int closedPort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body) {
    var request = client.request(method, path);
    if (contentType != null) {
      request.putHeader("content-type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  HttpResponse<Buffer> postJson(String body) {
    return send(HttpMethod.POST, "/api/orders", "application/json", body);
  }

  HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path, null, null);
  }

  /** Rows in every table of the orders schema. */
  long rowsInOrdersSchema() {
    String sql = "SELECT (SELECT count(*) FROM orders.orders) + (SELECT count(*) FROM orders.order_items)"
        + " + (SELECT count(*) FROM orders.sagas) + (SELECT count(*) FROM orders.saga_steps)";
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
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
      return future.await(15, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no result within 15 s", e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
    database.close();
  }
}
