package dev.vertxshop.fraud;

import dev.vertxshop.contracts.fraud.FraudDetectionGrpcService;
import dev.vertxshop.fraud.adapter.in.grpc.FraudGrpcService;
import dev.vertxshop.fraud.adapter.in.grpc.ReadinessHealthService;
import dev.vertxshop.fraud.domain.FraudRules;
import dev.vertxshop.platform.auth.AuthGuard;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.http.HttpApi;
import dev.vertxshop.platform.metrics.ServiceMetrics;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.grpc.reflection.ReflectionService;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.GrpcServerOptions;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud service: the gRPC API on {@code fraud.grpc.port} ({@code fraud.FraudDetection}, for
 * callers with the services' credential; the standard {@code grpc.health.v1.Health} and server
 * reflection, open to all; over HTTP/2 cleartext) and the HTTP health endpoints on {@code
 * fraud.http.port}. Ready once the gRPC server listens; not ready from the
 * moment it stops.
 *
 * <p>Deploy several instances to use several event loops: instances on the same fixed ports share
 * them (Vert.x spreads connections over the instances) and should share one {@link FraudRules}, so that
 * a user's history does not depend on the connection: {@code vertx.deployVerticle(
 * FraudVerticle.sharingRules(config), new DeploymentOptions().setInstances(n))}. With port 0 each
 * instance binds a port of its own.
 */
public final class FraudVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FraudVerticle.class);
  private static final String SERVICE = "fraud";
  private static final String CONTRACT = "openapi/fraud.yaml";

  private final FraudConfig config;
  private final FraudRules rules;
  private FraudGrpcService service;
  private HttpServer grpcServer;
  private HttpServer httpServer;
  private Health health;
  private AuthGuard guard;
  private ServiceMetrics metrics;
  // Read by health checks on this verticle's event loop and by monitoring threads.
  private volatile boolean serving;

  /** An instance with rules of its own (enough for a single instance). */
  public FraudVerticle(FraudConfig config) {
    this(config, new FraudRules(Objects.requireNonNull(config, "config").rules(), Clock.systemUTC()));
  }

  /** An instance that judges with {@code rules}, which may be shared with other instances. */
  public FraudVerticle(FraudConfig config, FraudRules rules) {
    this.config = Objects.requireNonNull(config, "config");
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** Makes instances that all share one {@link FraudRules} built from {@code config}. */
  public static Supplier<FraudVerticle> sharingRules(FraudConfig config) {
    FraudRules shared = new FraudRules(config.rules(), Clock.systemUTC());
    return () -> new FraudVerticle(config, shared);
  }

  @Override
  public Future<?> start() {
    return listenGrpc()
        .compose(ignored -> HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes()))
        .compose(this::listenHttp)
        .onSuccess(ignored -> started());
  }

  private Future<HttpServer> listenGrpc() {
    metrics = ServiceMetrics.create(vertx, SERVICE);
    guard = AuthGuard.create(vertx, config.auth());
    service = new FraudGrpcService(rules, guard, metrics);
    health = Health.create(vertx, ShutdownSettings.fromDeploymentConfig(config())).readiness("grpc", this::grpcServing);
    GrpcServer grpc = GrpcServer.server(vertx, new GrpcServerOptions().setScheduleDeadlineAutomatically(true))
        .addService(service)
        .addService(new ReadinessHealthService(vertx, this::isServing, FraudDetectionGrpcService.SERVICE_NAME))
        .addService(ReflectionService.v1());
    return vertx.createHttpServer(new HttpServerOptions().setPort(config.grpcPort()).setHost("0.0.0.0"))
        .requestHandler(Tracing.namingGrpcSpans("fraud", grpc))
        .listen()
        .onSuccess(listening -> grpcServer = listening);
  }

  private Future<HttpServer> listenHttp(HttpApi api) {
    return api.listen(api.secure(guard).router(health), config.httpPort())
        .onSuccess(listening -> httpServer = listening);
  }

  private Future<?> grpcServing() {
    return serving ? Future.succeededFuture() : Future.failedFuture("the gRPC server is not serving");
  }

  private void started() {
    serving = true;
    health.started();
    LOG.info("fraud gRPC API on port {}, HTTP health on port {}", grpcServer.actualPort(), httpServer.actualPort());
  }

  /**
   * Both health views turn not ready at once, then the gRPC server lets calls in progress finish
   * (within the drain timeout) while it accepts no new connection.
   */
  @Override
  public Future<?> stop() {
    serving = false;
    if (health != null) {
      health.stopping();
    }
    Future<Void> grpcStopped = grpcServer == null
        ? Future.succeededFuture()
        : grpcServer.shutdown(health.shutdownSettings().drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    Future<Void> httpStopped = httpServer == null ? Future.succeededFuture() : health.shutdown(httpServer);
    return Future.all(grpcStopped, httpStopped).andThen(stopped -> {
      if (metrics != null) {
        metrics.close();
      }
      if (guard != null) {
        guard.close();
      }
    });
  }

  /** The port the HTTP health endpoints are bound to; valid once {@link #start()} has succeeded. */
  public int httpPort() {
    if (httpServer == null) {
      throw new IllegalStateException("fraud is not listening yet");
    }
    return httpServer.actualPort();
  }

  /** The port the gRPC API is bound to; valid once {@link #start()} has succeeded. */
  public int grpcPort() {
    if (grpcServer == null) {
      throw new IllegalStateException("fraud is not listening yet");
    }
    return grpcServer.actualPort();
  }

  /**
   * Whether this instance serves (what its health endpoints and gRPC health service report): started,
   * and not stopping, even when the stop was only announced ({@link Health#announceStopping}).
   */
  public boolean isServing() {
    return serving && health.accepting();
  }

  /** The rules this instance judges with. */
  public FraudRules rules() {
    return rules;
  }

  /** BatchCheck calls this instance is serving right now. */
  public int openStreams() {
    return service == null ? 0 : service.openStreams();
  }
}
