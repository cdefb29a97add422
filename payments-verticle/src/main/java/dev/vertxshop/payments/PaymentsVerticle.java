package dev.vertxshop.payments;

import dev.vertxshop.payments.adapter.in.http.PaymentsHttpHandlers;
import dev.vertxshop.payments.adapter.out.card.TestCardNetwork;
import dev.vertxshop.payments.adapter.out.grpc.GrpcFraudScreening;
import dev.vertxshop.payments.adapter.out.grpc.TransactionDefaults;
import dev.vertxshop.payments.adapter.out.pg.PgChargeRepository;
import dev.vertxshop.payments.adapter.out.pg.PgFailOpenDecisions;
import dev.vertxshop.payments.adapter.out.pg.PgLedgerRepository;
import dev.vertxshop.payments.application.CardNetwork;
import dev.vertxshop.payments.application.ChargeOrder;
import dev.vertxshop.payments.application.FraudScreening;
import dev.vertxshop.payments.application.PaymentQueries;
import dev.vertxshop.payments.application.RefundOrder;
import dev.vertxshop.payments.domain.FraudPolicy;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.auth.ServiceCredential;
import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.pg.Database;
import dev.vertxshop.platform.resilience.CircuitBreakers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments service: migrates schema {@code payments}, opens its pool and serves the HTTP API
 * of {@code openapi/payments.yaml} with health endpoints and {@code GET /admin/circuit-breakers}.
 * Charges are screened by the fraud service over gRPC, through the circuit breaker {@code fraud}.
 */
public final class PaymentsVerticle extends VerticleBase {

  public static final String SERVICE = "payments";
  public static final String SCHEMA = "payments";
  private static final String CONTRACT = "openapi/payments.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(PaymentsVerticle.class);
  /** Fraud is asked for a connection every second for a minute after start, until it answers. */
  private static final Duration CONNECT_AHEAD_EVERY = Duration.ofSeconds(1);
  private static final int CONNECT_AHEAD_ATTEMPTS = 60;

  private final PaymentsConfig config;
  private final Optional<Function<Vertx, FraudScreening>> otherScreening;
  private final Function<Vertx, CardNetwork> cardNetwork;
  private final Clock clock = Clock.systemUTC();
  private Pool pool;
  private ServiceMetrics metrics;
  private CircuitBreakers breakers;
  private GrpcFraudScreening grpcScreening;
  private Health health;
  private HttpServer server;
  private AuthGuard guard;

  /** The service with its default adapters: the fraud service over gRPC, the test card network. */
  public PaymentsVerticle(PaymentsConfig config) {
    this(config, Optional.empty(), vertx -> new TestCardNetwork());
  }

  /** The service with the given fraud screening and card network, built once the verticle starts. */
  public PaymentsVerticle(
      PaymentsConfig config, Function<Vertx, FraudScreening> fraudScreening, Function<Vertx, CardNetwork> cardNetwork) {
    this(config, Optional.of(Objects.requireNonNull(fraudScreening)), cardNetwork);
  }

  private PaymentsVerticle(PaymentsConfig config, Optional<Function<Vertx, FraudScreening>> otherScreening,
      Function<Vertx, CardNetwork> cardNetwork) {
    this.config = Objects.requireNonNull(config);
    this.otherScreening = otherScreening;
    this.cardNetwork = Objects.requireNonNull(cardNetwork);
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::serve)
        .onSuccess(bound -> health.started())
        .onSuccess(bound -> connectToFraud())
        .onSuccess(this::logStarted)
        // Vert.x does not call stop() after a failed start, so whatever was opened is closed here.
        .recover(failure -> closeResources().transform(closed -> Future.failedFuture(failure)));
  }

  private Future<HttpServer> serve(HttpApi api) {
    pool = Database.pool(vertx, config.pg(), SERVICE);
    metrics = ServiceMetrics.create(vertx, SERVICE);
    breakers = CircuitBreakers.create(vertx, config.fraud().breaker(), clock, metrics);
    FraudScreening screening = otherScreening.map(factory -> factory.apply(vertx)).orElseGet(this::fraudOverGrpc);
    PgChargeRepository charges = new PgChargeRepository(pool);
    PaymentsHttpHandlers handlers = new PaymentsHttpHandlers(
        new ChargeOrder(charges, screening, config.fraud().policy(), cardNetwork.apply(vertx), clock, UUID::randomUUID),
        new RefundOrder(charges, clock, UUID::randomUUID),
        new PaymentQueries(charges, new PgLedgerRepository(pool), new PgFailOpenDecisions(pool)));
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config())).readiness("database", () -> Database.ping(pool));
    guard = AuthGuard.create(vertx, config.auth());
    return api.listen(handlers.mount(api.secure(guard)).router(health, breakers), config.httpPort())
        .onSuccess(bound -> server = bound);
  }

  private FraudScreening fraudOverGrpc() {
    FraudSettings fraud = config.fraud();
    grpcScreening = GrpcFraudScreening.create(vertx, ServiceTarget.resolve(vertx, fraud.location()), fraud.deadline(),
        new TransactionDefaults(fraud.merchantId(), fraud.defaultCountry()),
        breakers.forService(GrpcFraudScreening.SERVICE), metrics, ServiceCredential.create(config.auth()));
    return grpcScreening;
  }

  /** So that the first charges are screened in time rather than spend their deadline connecting. */
  private void connectToFraud() {
    if (grpcScreening != null) {
      grpcScreening.connectAhead(CONNECT_AHEAD_EVERY, CONNECT_AHEAD_ATTEMPTS);
    }
  }

  private void logStarted(HttpServer bound) {
    FraudSettings fraud = config.fraud();
    FraudPolicy policy = fraud.policy();
    LOG.info("payments listens on port {}; fraud screening {}, deadline {} ms, without a verdict: {}",
        bound.actualPort(),
        grpcScreening == null ? "by a given adapter" : "at " + grpcScreening.address() + " (gRPC)",
        fraud.deadline().toMillis(),
        policy.mode() == FraudPolicy.Mode.FAIL_OPEN
            ? "fail-open below " + policy.failOpenLimit()
            : "fail-closed");
  }

  /** The port the HTTP API is bound to; valid once the verticle has started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("payments has not started");
    }
    return server.actualPort();
  }

  /** Readiness turns 503 and the requests in flight are answered (within the drain timeout) first. */
  @Override
  public Future<?> stop() {
    Future<Void> drained = server == null ? Future.succeededFuture() : health.shutdown(server);
    return drained.eventually(this::closeResources);
  }

  private Future<Void> closeResources() {
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
    return serverClosed
        .eventually(() -> grpcScreening == null ? Future.succeededFuture() : grpcScreening.close())
        .eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
