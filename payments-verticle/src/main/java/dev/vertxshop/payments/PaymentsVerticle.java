package dev.vertxshop.payments;

import dev.vertxshop.payments.adapter.in.http.PaymentsHttpHandlers;
import dev.vertxshop.payments.adapter.out.card.TestCardNetwork;
import dev.vertxshop.payments.adapter.out.fraud.FraudScreeningNotWiredYet;
import dev.vertxshop.payments.adapter.out.pg.PgChargeRepository;
import dev.vertxshop.payments.adapter.out.pg.PgLedgerRepository;
import dev.vertxshop.payments.application.CardNetwork;
import dev.vertxshop.payments.application.ChargeOrder;
import dev.vertxshop.payments.application.FraudScreening;
import dev.vertxshop.payments.application.PaymentQueries;
import dev.vertxshop.payments.application.RefundOrder;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.pg.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payments service: migrates schema {@code payments}, opens its pool and serves the HTTP API
 * of {@code openapi/payments.yaml} with health endpoints.
 */
public final class PaymentsVerticle extends VerticleBase {

  public static final String SERVICE = "payments";
  public static final String SCHEMA = "payments";
  private static final String CONTRACT = "openapi/payments.yaml";
  private static final Logger LOG = LoggerFactory.getLogger(PaymentsVerticle.class);

  private final PaymentsConfig config;
  private final Function<Vertx, FraudScreening> fraudScreening;
  private final Function<Vertx, CardNetwork> cardNetwork;
  private Pool pool;
  private HttpServer server;

  /** The service with its default adapters: screening not wired yet, the test card network. */
  public PaymentsVerticle(PaymentsConfig config) {
    this(config, vertx -> new FraudScreeningNotWiredYet(), vertx -> new TestCardNetwork());
  }

  /** The service with the given fraud screening and card network, built once the verticle starts. */
  public PaymentsVerticle(
      PaymentsConfig config, Function<Vertx, FraudScreening> fraudScreening, Function<Vertx, CardNetwork> cardNetwork) {
    this.config = Objects.requireNonNull(config);
    this.fraudScreening = Objects.requireNonNull(fraudScreening);
    this.cardNetwork = Objects.requireNonNull(cardNetwork);
  }

  @Override
  public Future<?> start() {
    return Database.migrate(vertx, config.pg(), SCHEMA)
        .compose(migrated -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::serve)
        .onSuccess(bound -> LOG.info("payments listens on port {}", bound.actualPort()));
  }

  private Future<HttpServer> serve(HttpApi api) {
    pool = Database.pool(vertx, config.pg());
    FraudScreening screening = fraudScreening.apply(vertx);
    if (screening instanceof FraudScreeningNotWiredYet) {
      LOG.warn("payments: fraud screening not wired yet, every payment is approved without screening");
    }
    PgChargeRepository charges = new PgChargeRepository(pool);
    Clock clock = Clock.systemUTC();
    PaymentsHttpHandlers handlers = new PaymentsHttpHandlers(
        new ChargeOrder(charges, screening, cardNetwork.apply(vertx), clock, UUID::randomUUID),
        new RefundOrder(charges, clock, UUID::randomUUID),
        new PaymentQueries(charges, new PgLedgerRepository(pool)));
    Health health = Health.create(vertx).readiness("database", () -> Database.ping(pool));
    return api.listen(handlers.mount(api).router(health), config.httpPort())
        .onSuccess(bound -> server = bound);
  }

  /** The port the HTTP API is bound to; valid once the verticle has started. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("payments has not started");
    }
    return server.actualPort();
  }

  @Override
  public Future<?> stop() {
    Future<Void> serverClosed = server == null ? Future.succeededFuture() : server.close();
    return serverClosed.eventually(() -> pool == null ? Future.succeededFuture() : pool.close());
  }
}
