package dev.vertxshop.analytics;

import dev.vertxshop.analytics.adapter.in.http.AnalyticsRoutes;
import dev.vertxshop.analytics.adapter.in.kafka.OrderEventHandler;
import dev.vertxshop.analytics.adapter.out.pg.PgConversionStore;
import dev.vertxshop.analytics.application.AnalyticsService;
import dev.vertxshop.platform.events.EventConsumer;
import dev.vertxshop.platform.events.RedisSettings;
import dev.vertxshop.platform.events.Topics;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.metrics.ConsumerMetrics;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.pg.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analytics service: migrates the {@code analytics} schema, counts the order events of topic
 * {@code orders} as consumer group {@code analytics}, and serves the conversions over the HTTP API
 * of {@code contracts/openapi/analytics.yaml}.
 */
public final class AnalyticsVerticle extends VerticleBase {

  public static final String SERVICE = "analytics";
  static final String SCHEMA = "analytics";
  static final String CONTRACT = "openapi/analytics.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(AnalyticsVerticle.class);

  private final AnalyticsConfig config;
  private final Clock clock;
  private Pool pool;
  private Redis redis;
  private AnalyticsService service;
  private EventConsumer consumer;
  private ServiceMetrics metrics;
  private Health health;
  private HttpServer server;
  private AuthGuard guard;

  public AnalyticsVerticle(AnalyticsConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A service whose "today", the default end of a report, comes from {@code clock}. */
  public AnalyticsVerticle(AnalyticsConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> open())
        .compose(opened -> startConsumer())
        .compose(consuming -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::listen)
        .onSuccess(listening -> health.started())
        .onSuccess(listening -> LOG.info("Analytics listening on port {}, consuming {} as group {}",
            listening.actualPort(), Topics.ORDERS, consumer.group()))
        .recover(failure -> stopConsumer().eventually(this::release).transform(released -> Future.failedFuture(failure)));
  }

  /**
   * Readiness turns 503 and the requests in flight are answered (within the drain timeout); then
   * it stops taking events, so that none is in hand when the database goes away.
   */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture() : health.shutdown(server);
    return drained.eventually(this::stopConsumer)
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(this::release);
  }

  /** The port the HTTP API listens on; known once the verticle has started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("The analytics verticle has not started");
    }
    return server.actualPort();
  }

  private Future<Void> open() {
    pool = Database.pool(vertx, config.pg(), SERVICE);
    redis = config.redis().client(vertx);
    service = new AnalyticsService(new PgConversionStore(pool), clock);
    return Future.succeededFuture();
  }

  private Future<EventConsumer> startConsumer() {
    return EventConsumer.start(vertx, config.kafka(), redis, config.consumer(), Topics.ORDERS, new OrderEventHandler(service))
        .onSuccess(started -> consumer = started);
  }

  private Future<HttpServer> listen(HttpApi api) {
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config()))
        .readiness("database", () -> Database.ping(pool))
        .readiness("redis", () -> RedisSettings.ping(redis))
        .readiness("kafka", consumer::ping);
    guard = AuthGuard.create(vertx, config.auth());
    new AnalyticsRoutes(service).register(api.secure(guard));
    metrics = ServiceMetrics.create(vertx, SERVICE);
    ConsumerMetrics.watch(metrics, consumer);
    return api.listen(api.router(health, null, List.of(consumer)), config.httpPort()).onSuccess(started -> server = started);
  }

  private Future<Void> stopConsumer() {
    if (metrics != null) {
      metrics.close();
    }
    if (guard != null) {
      guard.close();
    }
    return consumer == null ? Future.succeededFuture() : consumer.stop();
  }

  private Future<Void> release() {
    Future<Void> redisClosed = redis == null ? Future.succeededFuture() : redis.close();
    Future<Void> poolClosed = pool == null ? Future.succeededFuture() : pool.close();
    return Future.join(redisClosed, poolClosed).mapEmpty();
  }
}
