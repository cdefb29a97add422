package dev.vertxshop.orders;

import dev.vertxshop.orders.adapter.in.http.OrdersHttpHandlers;
import dev.vertxshop.orders.adapter.in.http.OutboxAdminHandlers;
import dev.vertxshop.orders.adapter.in.http.SagaAdminHandlers;
import dev.vertxshop.orders.adapter.in.pg.OutboxNotifications;
import dev.vertxshop.orders.adapter.out.http.HttpInventory;
import dev.vertxshop.orders.adapter.out.http.HttpPayments;
import dev.vertxshop.orders.adapter.out.kafka.KafkaEventPublisher;
import dev.vertxshop.orders.adapter.out.metrics.OrderMetrics;
import dev.vertxshop.orders.adapter.out.metrics.SagaOutcomeCounters;
import dev.vertxshop.orders.adapter.out.pg.PgOrderRepository;
import dev.vertxshop.orders.adapter.out.pg.PgOutbox;
import dev.vertxshop.orders.adapter.out.pg.PgSagaRepository;
import dev.vertxshop.orders.adapter.out.timer.VertxTimers;
import dev.vertxshop.orders.application.CreateOrderSaga;
import dev.vertxshop.orders.application.OrderService;
import dev.vertxshop.orders.application.OutboxRelay;
import dev.vertxshop.orders.application.SagaAdmin;
import dev.vertxshop.orders.application.SagaRecovery;
import dev.vertxshop.orders.application.Timers;
import dev.vertxshop.orders.domain.LeasePolicy;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.ServiceCredential;
import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.http.RateLimit;
import dev.vertxshop.platform.http.ServiceClient;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orders service: the shop's public API ({@code POST /api/orders}, {@code GET
 * /api/orders/{id}}) and the create-order saga, with its data in the {@code orders} schema. Calls to
 * inventory and payments go through one circuit breaker each, listed at {@code GET
 * /admin/circuit-breakers}. The event of each settled order is written to the outbox with the
 * order's last saga write and relayed to the Kafka topic {@code orders} ({@code GET /admin/outbox}).
 * Readiness does not depend on Kafka: while it is unreachable, events wait in the outbox.
 */
public final class OrdersVerticle extends VerticleBase {

  public static final String SERVICE = "orders";
  private static final Logger LOG = LoggerFactory.getLogger(OrdersVerticle.class);

  private final OrdersConfig config;
  private final Clock clock;
  private Pool pool;
  private ServiceClient inventoryClient;
  private ServiceClient paymentsClient;
  private ServiceMetrics metrics;
  private CircuitBreakers breakers;
  private SagaRecovery recovery;
  private KafkaEventPublisher eventPublisher;
  private OutboxRelay relay;
  private OutboxNotifications notifications;
  private Health health;
  private HttpServer server;
  private AuthGuard guard;
  private ServiceCredential credential;

  public OrdersVerticle(OrdersConfig config) {
    this(config, Clock.systemUTC());
  }

  public OrdersVerticle(OrdersConfig config, Clock clock) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SERVICE)
        .compose(migrated -> HttpApi.load(vertx, SERVICE, "openapi/orders.yaml", config.bodyLimitBytes()))
        .compose(this::listen)
        .compose(listening -> startRelay())
        .onSuccess(relaying -> recovery.start())
        .onSuccess(relaying -> health.started())
        .onSuccess(relaying -> LOG.info("orders listens on port {}; inventory at {}, payments at {}; events to Kafka at {}",
            server.actualPort(), inventoryClient.target(), paymentsClient.target(), config.kafka().bootstrapServers()))
        // Vert.x does not call stop() after a failed start, so whatever was opened is closed here.
        .recover(failure -> closeResources().transform(closed -> Future.failedFuture(failure)));
  }

  private Future<HttpServer> listen(HttpApi api) {
    pool = Database.pool(vertx, config.pg(), SERVICE);
    metrics = ServiceMetrics.create(vertx, SERVICE);
    breakers = CircuitBreakers.create(vertx, config.resilience().breaker(), clock, metrics);
    guard = AuthGuard.create(vertx, config.auth());
    credential = ServiceCredential.create(config.auth());
    inventoryClient = ServiceClient.create(vertx, "inventory", ServiceTarget.resolve(vertx, config.inventory()),
        config.resilience(), breakers).withAuthorization(credential);
    paymentsClient = ServiceClient.create(vertx, "payments", ServiceTarget.resolve(vertx, config.payments()),
        config.resilience(), breakers).withAuthorization(credential);
    Timers timers = new VertxTimers(vertx);
    HttpInventory inventory = new HttpInventory(inventoryClient);
    // A new owner id per start: sagas leased by an earlier run of this instance are taken over like
    // any other instance's once their lease expires.
    PgSagaRepository sagaRecords = new PgSagaRepository(pool);
    LeasePolicy leases = new LeasePolicy(UUID.randomUUID().toString(), config.durability().lease());
    CreateOrderSaga saga = new CreateOrderSaga(
        inventory, new HttpPayments(paymentsClient), sagaRecords, timers, clock, config.compensationRetry(), leases,
        new SagaOutcomeCounters(metrics));
    OrderService orders = new OrderService(inventory, new PgOrderRepository(pool), saga, timers, clock, config.responseWait(),
        config.durability().idempotencyRetention());
    recovery = new SagaRecovery(sagaRecords, orders, saga, timers, clock,
        new SagaRecovery.Schedule(config.durability().recoveryInterval(), config.durability().recoveryBatchSize()));
    api.guard("placeOrder", RateLimit.perClient("placeOrder", config.rateLimit(), clock, metrics));
    new OrdersHttpHandlers(orders, guard).register(api.secure(guard));
    new SagaAdminHandlers(new SagaAdmin(sagaRecords, clock, recovery::wake)).register(api);
    eventPublisher = KafkaEventPublisher.create(vertx, config.kafka(), "orders-outbox-" + leases.owner());
    relay = new OutboxRelay(new PgOutbox(pool), eventPublisher, timers, clock, new OutboxRelay.Schedule(
        config.outbox().pollInterval(), config.outbox().batchSize(), config.outbox().retention(), config.outbox().pruneInterval()));
    new OutboxAdminHandlers(relay).register(api);
    OrderMetrics.watch(metrics, sagaRecords::countByState, relay);
    LOG.info("orders drives sagas as lease owner {}", leases.owner());
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config())).readiness("database", () -> Database.ping(pool));
    return api.listen(api.router(health, breakers), config.httpPort()).onSuccess(listening -> server = listening);
  }

  /**
   * Listens for new outbox events, then starts the relay. The topic is created now when Kafka
   * answers; when it does not, orders starts all the same and the relay creates it later.
   */
  private Future<Void> startRelay() {
    eventPublisher.ensureTopic().onFailure(failure -> LOG.warn(
        "Kafka at {} cannot be reached now; order events wait in the outbox until it can: {}",
        config.kafka().bootstrapServers(), failure.toString()));
    return OutboxNotifications.listen(vertx, config.pg().connectOptions(), relay::wake)
        .onSuccess(listening -> {
          notifications = listening;
          relay.start();
        })
        .mapEmpty();
  }

  /** The port the API listens on; valid once started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("orders is not listening");
    }
    return server.actualPort();
  }

  /**
   * Readiness turns 503 and the requests in flight are answered (within the drain timeout); then
   * the relay finishes its pass and the clients and the pool close. Sagas still running after their
   * request was answered are left to the recovery of another instance (their lease expires).
   */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture() : health.shutdown(server);
    return drained.eventually(this::closeResources);
  }

  private Future<Void> closeResources() {
    if (recovery != null) {
      recovery.stop();
    }
    // The pass in hand finishes before the pool and the producer it uses are closed.
    Future<Void> relayStopped = relay == null ? Future.succeededFuture() : relay.stop();
    return relayStopped.transform(stopped -> closeClients());
  }

  private Future<Void> closeClients() {
    Future<Void> listenerClosed = notifications == null ? Future.succeededFuture() : notifications.close();
    Future<Void> producerClosed = eventPublisher == null ? Future.succeededFuture() : eventPublisher.close();
    if (inventoryClient != null) {
      inventoryClient.close();
    }
    if (paymentsClient != null) {
      paymentsClient.close();
    }
    if (breakers != null) {
      breakers.close();
    }
    if (guard != null) {
      guard.close();
    }
    if (metrics != null) {
      metrics.close();
    }
    Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
    return Future.join(listenerClosed, producerClosed, serverClosed)
        .transform(closed -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
