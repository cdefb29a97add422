package dev.vertxshop.systemtests;

import dev.vertxshop.embedded.EmbeddedKafka;
import dev.vertxshop.launcher.FreePorts;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shop as three JVMs on loopback — orders; inventory; payments with fraud — against a
 * throw-away database and a Kafka broker of its own (in the test JVM), with a {@link TcpProxy}
 * between orders and each of the two services it calls, so a test can kill, stop, slow down or cut
 * off either of them.
 */
public final class DistributedShop implements AutoCloseable {

  public final TestDatabase database;
  public final EmbeddedKafka kafka;
  public final Vertx vertx;
  public final WebClient client;
  public final ShopProcess orders;
  public final ShopProcess inventory;
  public final ShopProcess payments;
  public final TcpProxy inventoryProxy;
  public final TcpProxy paymentsProxy;
  public final int ordersPort;
  public final int inventoryPort;
  public final int paymentsPort;
  private final Map<String, String> env;

  private DistributedShop(Map<String, String> extraEnv, Map<String, String> ordersEnv) {
    database = TestPostgres.createDatabase();
    // A broker per shop: orders' events of one test never reach the consumers of the next.
    try {
      kafka = EmbeddedKafka.start(0, null);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
    vertx = Vertx.vertx();
    client = ShopTokens.authorize(WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(200)));
    List<Integer> ports = freePorts(3);
    ordersPort = ports.get(0);
    inventoryPort = ports.get(1);
    paymentsPort = ports.get(2);
    inventoryProxy = TcpProxy.start(vertx, inventoryPort);
    paymentsProxy = TcpProxy.start(vertx, paymentsPort);
    Map<String, String> env = new HashMap<>(database.env());
    env.put("ORDERS_HTTP_PORT", Integer.toString(ordersPort));
    env.put("INVENTORY_HTTP_PORT", Integer.toString(inventoryPort));
    env.put("PAYMENTS_HTTP_PORT", Integer.toString(paymentsPort));
    env.put("INVENTORY_DEMO_CATALOGUE", "false");
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", TestRedis.url());
    // fraud runs beside payments, which screens every charge with it over gRPC.
    env.put("FRAUD_HTTP_PORT", "0");
    env.put("FRAUD_GRPC_PORT", "0");
    env.put("INVENTORY_SERVICE_URL", "http://127.0.0.1:" + inventoryProxy.port());
    env.put("PAYMENTS_SERVICE_URL", "http://127.0.0.1:" + paymentsProxy.port());
    env.putAll(extraEnv);
    this.env = Map.copyOf(env);
    // Log files are named after the database, so each test's logs stay apart.
    ShopProcess[] started = new ShopProcess[3];
    try {
      started[0] = ShopProcess.start(database.name() + "-inventory", List.of("inventory"), env);
      started[1] = ShopProcess.start(database.name() + "-payments", List.of("payments", "fraud"), env);
      Map<String, String> orders = new HashMap<>(env);
      orders.putAll(ordersEnv);
      started[2] = ShopProcess.start(database.name() + "-orders", List.of("orders"), orders);
    } catch (RuntimeException e) {
      // Nothing may outlive a shop that failed to start: no JVM, no proxy, no database.
      for (ShopProcess process : started) {
        if (process != null) {
          process.kill();
        }
      }
      inventoryProxy.close();
      paymentsProxy.close();
      TcpProxy.await(vertx.close());
      kafka.close();
      database.close();
      throw e;
    }
    inventory = started[0];
    payments = started[1];
    orders = started[2];
  }

  /** Starts the three JVMs; {@code extraEnv} is added to every one's configuration. */
  public static DistributedShop start(Map<String, String> extraEnv) {
    return start(extraEnv, Map.of());
  }

  /**
   * Starts the three JVMs; {@code extraEnv} is added to every one's configuration and {@code
   * ordersEnv} to the orders JVM's only (e.g. to serve its dashboard).
   */
  public static DistributedShop start(Map<String, String> extraEnv, Map<String, String> ordersEnv) {
    return new DistributedShop(extraEnv, ordersEnv);
  }

  /**
   * Starts another orders JVM, configured like the first but listening on {@code port}; the caller
   * stops it.
   */
  public ShopProcess startOrders(String name, int port) {
    return startOrders(name, port, Map.of());
  }

  /**
   * Starts another orders JVM like {@link #startOrders(String, int)}, with {@code extraEnv} on top of
   * the shop's configuration (e.g. service URLs through proxies of its own); the caller stops it.
   */
  public ShopProcess startOrders(String name, int port, Map<String, String> extraEnv) {
    Map<String, String> other = new HashMap<>(env);
    other.put("ORDERS_HTTP_PORT", Integer.toString(port));
    other.putAll(extraEnv);
    return ShopProcess.start(database.name() + "-" + name, List.of("orders"), other);
  }

  public ShopAudit audit() {
    return new ShopAudit(database);
  }

  /** Creates or replaces a product on inventory (directly, not through the proxy). */
  public void putProduct(String productId, int priceCents, int available) {
    HttpResponse<Buffer> response = TcpProxy.await(client.put(inventoryPort, "127.0.0.1", "/api/products/" + productId)
        .sendJsonObject(new JsonObject().put("name", "Item " + productId).put("priceCents", priceCents).put("available", available)));
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IllegalStateException("PUT product answered " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  /** The order as the orders API shows it. */
  public JsonObject order(String orderId) {
    HttpResponse<Buffer> response = TcpProxy.await(client.get(ordersPort, "127.0.0.1", "/api/orders/" + orderId).send());
    return response.statusCode() == 200 ? response.bodyAsJsonObject() : new JsonObject().put("status", "HTTP " + response.statusCode());
  }

  public static JsonObject orderBody(String productId, int quantity, String card) {
    return new JsonObject()
        .put("customerId", "fault-test")
        .put("email", "fault-test@example.com")
        .put("items", List.of(new JsonObject().put("productId", productId).put("quantity", quantity)))
        .put("paymentMethod", new JsonObject().put("type", "card").put("cardNumber", card));
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : List.<AutoCloseable>of(orders, inventory, payments, inventoryProxy, paymentsProxy)) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // best effort: the next one must still be closed
      }
    }
    TcpProxy.await(vertx.close());
    kafka.close();
    database.close();
  }

  /** Free ports outside the system's ephemeral range, so that no outgoing connection takes one first. */
  static List<Integer> freePorts(int count) {
    return FreePorts.pick(count);
  }
}
