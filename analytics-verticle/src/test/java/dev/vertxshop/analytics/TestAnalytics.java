package dev.vertxshop.analytics;

import dev.vertxshop.analytics.adapter.out.pg.PgConversionStore;
import dev.vertxshop.analytics.domain.OrderSettlement;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.events.CloudEvent;
import dev.vertxshop.platform.events.EventPublisher;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestRedis;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real analytics service for tests: an {@link AnalyticsVerticle} on a free port against a test
 * database, the test Kafka broker and Redis, consuming as a consumer group of its own (so services
 * of different tests never share offsets or Redis keys); with an HTTP client, a publisher of order
 * events, and the store itself for tests that set up counts directly. Its blocking helpers are meant
 * for the test thread, never for an event loop.
 */
public final class TestAnalytics implements AutoCloseable {

  public static final Duration WAIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final AnalyticsConfig config;
  private final WebClient client;
  private final EventPublisher publisher;
  private final Pool pool;
  private final PgConversionStore store;
  private String deploymentId;
  private int port;

  private TestAnalytics(Vertx vertx, AnalyticsConfig config) {
    this.vertx = vertx;
    this.config = config;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1"));
    this.publisher = EventPublisher.create(vertx, config.kafka(), "analytics-test-publisher");
    this.pool = Database.pool(vertx, config.pg().withPoolSize(2));
    this.store = new PgConversionStore(pool);
  }

  /** Starts the service on {@code database}; its "today" comes from {@code clock}. */
  public static TestAnalytics start(Vertx vertx, TestDatabase database, Clock clock) {
    AnalyticsConfig config = AnalyticsConfig.from(settings(database))
        .withConsumerGroup("analytics-test-" + UUID.randomUUID().toString().substring(0, 8));
    TestAnalytics analytics = new TestAnalytics(vertx, config);
    AnalyticsVerticle verticle = new AnalyticsVerticle(config, clock);
    analytics.deploymentId = await(vertx.deployVerticle(verticle));
    analytics.port = verticle.httpPort();
    return analytics;
  }

  /** The settings a service gets for {@code database}: a free HTTP port, the test Kafka broker and Redis. */
  public static Settings settings(TestDatabase database) {
    Map<String, String> env = new HashMap<>(database.env());
    env.put("ANALYTICS_HTTP_PORT", "0");
    env.putAll(TestTokens.env());
    env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    env.put("REDIS_URL", TestRedis.url());
    // A failed event is retried soon and often, so that a test can fail an event for a while, then
    // let it through, without waiting for the production backoff or running out of attempts.
    env.put("EVENTS_CONSUMER_RETRY_BACKOFF_MS", "100");
    env.put("EVENTS_CONSUMER_RETRY_BACKOFF_MAX_MS", "200");
    env.put("EVENTS_CONSUMER_MAX_ATTEMPTS", "100");
    return ConfigLoader.load(env);
  }

  /** The port the service's HTTP API listens on. */
  public int port() {
    return port;
  }

  public String group() {
    return config.consumer().group();
  }

  /** Publishes {@code event} on topic {@code orders}, keyed by its subject (the order id). */
  public void publish(CloudEvent event) {
    await(publisher.publish(Topics.ORDERS, event.subject(), event));
  }

  /** Counts {@code settlement} straight into the store, as the consumer would for {@code event}. */
  public boolean record(CloudEvent event, OrderSettlement settlement) {
    return await(store.record(event, settlement));
  }

  /** Runs one SQL statement directly against the service's database. */
  public void sql(String statement, Tuple arguments) {
    await(pool.preparedQuery(statement).execute(arguments));
  }

  public HttpResponse<Buffer> get(String path) {
    return send(HttpMethod.GET, path);
  }

  public HttpResponse<Buffer> send(HttpMethod method, String path) {
    return await(client.request(method, port, "127.0.0.1", path)
        .putHeader("Authorization", TestTokens.bearer(TestTokens.admin())).send());
  }

  /** The conversions of the days from {@code from} to {@code to}, as the API answers them. */
  public JsonObject conversions(LocalDate from, LocalDate to) {
    HttpResponse<Buffer> response = get("/api/analytics/conversions?from=" + from + "&to=" + to);
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET conversions answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The totals of one day. */
  public JsonObject totalsOf(LocalDate day) {
    return conversions(day, day).getJsonObject("totals");
  }

  /** The consumer's status as {@code GET /admin/events} shows it. */
  public JsonObject consumerStatus() {
    HttpResponse<Buffer> response = get("/admin/events");
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /admin/events answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getJsonArray("consumers").getJsonObject(0);
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
    await(publisher.close());
    await(pool.close());
    if (deploymentId != null) {
      await(vertx.undeploy(deploymentId));
    }
  }
}
