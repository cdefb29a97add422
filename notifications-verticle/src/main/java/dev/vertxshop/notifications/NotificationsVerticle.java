package dev.vertxshop.notifications;

import dev.vertxshop.notifications.adapter.in.http.NotificationRoutes;
import dev.vertxshop.notifications.adapter.in.kafka.OrderEventsHandler;
import dev.vertxshop.notifications.adapter.out.pg.PgSentEmailStore;
import dev.vertxshop.notifications.adapter.out.smtp.SmtpMailSender;
import dev.vertxshop.notifications.application.OrderNotifications;
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
 * The notifications service: migrates the {@code notifications} schema, consumes the order events of
 * topic {@code orders} as consumer group {@code notifications} and e-mails the customer for each
 * ({@link OrderEventsHandler}), and serves {@code contracts/openapi/notifications.yaml}.
 *
 * <p>E-mails are sent at least once per event, not exactly once: an SMTP server takes no part in a
 * database transaction, so the e-mail is sent first and recorded after, and a crash between the two
 * sends it again when the event is redelivered (see {@link OrderNotifications}). Ready while its
 * database, Redis and Kafka answer.
 */
public final class NotificationsVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationsVerticle.class);
  static final String SCHEMA = "notifications";
  static final String CONTRACT = "openapi/notifications.yaml";

  private final NotificationsConfig config;
  private final Clock clock;
  private Pool pool;
  private Redis redis;
  private SmtpMailSender mail;
  private OrderNotifications notifications;
  private EventConsumer consumer;
  private ServiceMetrics metrics;
  private Health health;
  private HttpServer server;
  private AuthGuard guard;

  public NotificationsVerticle(NotificationsConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A service that reads the time from {@code clock}. */
  public NotificationsVerticle(NotificationsConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> openClients())
        .compose(opened -> startConsumer())
        .compose(started -> HttpApi.load(vertx, NotificationsConfig.SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::listen)
        .onSuccess(this::started)
        .onFailure(failure -> stopAll());
  }

  private Future<Void> openClients() {
    pool = Database.pool(vertx, config.pg(), NotificationsConfig.SERVICE);
    redis = config.redis().client(vertx);
    mail = SmtpMailSender.create(vertx, config.smtp(), config.from());
    notifications = new OrderNotifications(new PgSentEmailStore(pool), mail, clock);
    return Future.succeededFuture();
  }

  private Future<EventConsumer> startConsumer() {
    return EventConsumer.start(vertx, config.kafka(), redis, config.consumer(), Topics.ORDERS,
            new OrderEventsHandler(notifications))
        .onSuccess(started -> consumer = started);
  }

  private Future<HttpServer> listen(HttpApi api) {
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config()))
        .readiness("database", () -> Database.ping(pool))
        .readiness("redis", () -> RedisSettings.ping(redis))
        .readiness("kafka", () -> consumer.ping());
    guard = AuthGuard.create(vertx, config.auth());
    new NotificationRoutes(notifications).register(api.secure(guard));
    metrics = ServiceMetrics.create(vertx, NotificationsConfig.SERVICE);
    ConsumerMetrics.watch(metrics, consumer);
    return api.listen(api.router(health, null, List.of(consumer)), config.httpPort());
  }

  private void started(HttpServer listening) {
    server = listening;
    health.started();
    LOG.info("notifications HTTP API on port {}, consuming {} as group {}, mailing through {}",
        listening.actualPort(), Topics.ORDERS, consumer.group(), config.smtp().describe());
  }

  /**
   * Readiness turns 503 and the requests in flight are answered (within the drain timeout), then
   * everything else stops.
   */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture() : health.shutdown(server);
    return drained.eventually(this::stopAll);
  }

  // The consumer first, so that no event is taken that could no longer be mailed or recorded.
  private Future<Void> stopAll() {
    if (metrics != null) {
      metrics.close();
    }
    if (guard != null) {
      guard.close();
    }
    Future<Void> consumerStopped = consumer == null ? Future.succeededFuture() : consumer.stop();
    return consumerStopped
        .eventually(() -> server == null ? Future.succeededFuture() : server.close())
        .eventually(() -> mail == null ? Future.succeededFuture() : mail.close())
        .eventually(() -> redis == null ? Future.succeededFuture() : redis.close())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }

  /** The port the HTTP API is bound to; valid once {@link #start()} has succeeded. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("notifications is not listening yet");
    }
    return server.actualPort();
  }
}
