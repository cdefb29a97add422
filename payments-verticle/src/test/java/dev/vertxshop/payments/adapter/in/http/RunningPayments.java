package dev.vertxshop.payments.adapter.in.http;

import static dev.vertxshop.payments.Await.await;

import dev.vertxshop.payments.PaymentsConfig;
import dev.vertxshop.payments.PaymentsVerticle;
import dev.vertxshop.payments.GrpcWarmUp;
import dev.vertxshop.payments.StandInFraud;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A real payments service for API tests: a fresh database, a stand-in fraud service (approving
 * everything until told otherwise), a deployed {@link PaymentsVerticle} on a free port pointed at
 * it, an HTTP client and a pool to look at what was written.
 */
final class RunningPayments implements AutoCloseable {

  private final Vertx vertx;
  private final TestDatabase database;
  private final StandInFraud fraud;
  private final String deploymentId;
  private final int port;
  private final WebClient client;
  private final Pool pool;

  private RunningPayments(Vertx vertx, TestDatabase database, StandInFraud fraud, String deploymentId, int port,
      WebClient client, Pool pool) {
    this.vertx = vertx;
    this.database = database;
    this.fraud = fraud;
    this.deploymentId = deploymentId;
    this.port = port;
    this.client = client;
    this.pool = pool;
  }

  static RunningPayments start(Vertx vertx) {
    return start(vertx, PaymentsVerticle::new);
  }

  static RunningPayments start(Vertx vertx, Function<PaymentsConfig, PaymentsVerticle> service) {
    return start(vertx, Map.of(), service);
  }

  /** The service with {@code env} laid over the test's database, free port and stand-in fraud. */
  static RunningPayments start(Vertx vertx, Map<String, String> env) {
    return start(vertx, env, PaymentsVerticle::new);
  }

  static RunningPayments start(Vertx vertx, Map<String, String> overrides, Function<PaymentsConfig, PaymentsVerticle> service) {
    GrpcWarmUp.once(vertx);
    TestDatabase database = TestPostgres.createDatabase();
    StandInFraud fraud = StandInFraud.start(vertx);
    Map<String, String> env = new HashMap<>(database.env());
    env.put("PAYMENTS_HTTP_PORT", "0");
    env.put("FRAUD_SERVICE_ADDRESS", fraud.address());
    env.putAll(TestTokens.env());
    env.putAll(overrides);
    PaymentsConfig config = PaymentsConfig.from(ConfigLoader.load(env));
    PaymentsVerticle verticle = service.apply(config);
    String deploymentId = await(vertx.deployVerticle(verticle));
    WebClient client = WebClient.create(vertx,
        new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(verticle.httpPort()),
        new PoolOptions().setHttp1MaxSize(32));
    Pool pool = Database.pool(vertx, config.pg().withPoolSize(2));
    return new RunningPayments(vertx, database, fraud, deploymentId, verticle.httpPort(), client, pool);
  }

  /** The stand-in fraud service the payments service asks. */
  StandInFraud fraud() {
    return fraud;
  }

  int port() {
    return port;
  }

  /** The service's database. */
  TestDatabase database() {
    return database;
  }

  HttpResponse<Buffer> post(String path, JsonObject body) {
    return await(postAsync(path, body));
  }

  Future<HttpResponse<Buffer>> postAsync(String path, JsonObject body) {
    return authorized(client.post(path), path).sendJsonObject(body);
  }

  HttpResponse<Buffer> get(String path) {
    return await(authorized(client.get(path), path).send());
  }

  /**
   * {@code request} with the token its caller would send: the service token for charges and
   * refunds (orders calls them), an operator's token otherwise.
   */
  private static HttpRequest<Buffer> authorized(HttpRequest<Buffer> request, String path) {
    String token = path.startsWith("/api/charges") ? TestTokens.DEFAULT.serviceToken() : TestTokens.admin();
    return request.putHeader("Authorization", TestTokens.bearer(token));
  }

  /** Any request, with {@code token} as bearer token (none when null) and a JSON body (none when null). */
  HttpResponse<Buffer> sendAs(String token, HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, path);
    if (token != null) {
      request.putHeader("Authorization", TestTokens.bearer(token));
    }
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /** Any request, body as raw bytes with the given content type (none when null). */
  HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body) {
    HttpRequest<Buffer> request = authorized(client.request(method, path), path);
    if (contentType != null) {
      request.putHeader("Content-Type", contentType);
    }
    return await(body == null ? request.send() : request.sendBuffer(Buffer.buffer(body)));
  }

  /** The ledger entries of one order as "KIND:cents", oldest first. */
  List<String> ledgerOf(String orderId) {
    List<String> entries = new ArrayList<>();
    for (Row row : await(pool.preparedQuery("SELECT kind, amount_cents FROM payments.ledger WHERE order_id = $1 ORDER BY id")
        .execute(Tuple.of(orderId)))) {
      entries.add(row.getString("kind") + ":" + row.getLong("amount_cents"));
    }
    return entries;
  }

  long count(String table) {
    String sql = switch (table) {
      case "charges" -> "SELECT count(*) AS n FROM payments.charges";
      case "ledger" -> "SELECT count(*) AS n FROM payments.ledger";
      default -> throw new IllegalArgumentException(table);
    };
    return await(pool.preparedQuery(sql).execute()).iterator().next().getLong("n");
  }

  /** The recorded fail-open decision of one order as "amount_cents|reason", if any. */
  List<String> failOpenOf(String orderId) {
    List<String> decisions = new ArrayList<>();
    for (Row row : await(pool.preparedQuery("SELECT amount_cents, reason FROM payments.fraud_fail_open WHERE order_id = $1")
        .execute(Tuple.of(orderId)))) {
      decisions.add(row.getLong("amount_cents") + "|" + row.getString("reason"));
    }
    return decisions;
  }

  long chargeRowsOf(String orderId) {
    return await(pool.preparedQuery("SELECT count(*) AS n FROM payments.charges WHERE order_id = $1")
        .execute(Tuple.of(orderId))).iterator().next().getLong("n");
  }

  /** Every row of every table of the service's schema, as text. */
  List<String> everyStoredRow() {
    List<String> rows = new ArrayList<>();
    for (String sql : List.of(
        "SELECT c::text AS row FROM payments.charges c",
        "SELECT l::text AS row FROM payments.ledger l",
        "SELECT f::text AS row FROM payments.fraud_fail_open f",
        "SELECT h::text AS row FROM payments.flyway_schema_history h")) {
      await(pool.preparedQuery(sql).execute()).forEach(row -> rows.add(row.getString("row")));
    }
    return rows;
  }

  @Override
  public void close() {
    client.close();
    await(pool.close());
    await(vertx.undeploy(deploymentId));
    fraud.close();
    database.close();
  }
}
