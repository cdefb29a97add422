package dev.vertxshop.fraud;

import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.http.HttpApi;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fraud service. Today it serves only its health endpoints over HTTP; the gRPC {@code
 * FraudDetection} service on port 9090 comes later. It has no dependencies yet, so it is ready as
 * soon as its HTTP server listens.
 */
public final class FraudVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(FraudVerticle.class);
  private static final String SERVICE = "fraud";
  private static final String CONTRACT = "openapi/fraud.yaml";

  private final FraudConfig config;
  private HttpServer server;

  public FraudVerticle(FraudConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public Future<?> start() {
    return HttpApi.load(vertx, SERVICE, CONTRACT, config.bodyLimitBytes())
        .compose(this::listen)
        .onSuccess(this::started);
  }

  private Future<HttpServer> listen(HttpApi api) {
    // No dependencies yet: ready as soon as the server answers.
    return api.listen(api.router(Health.create(vertx)), config.httpPort());
  }

  private void started(HttpServer listening) {
    server = listening;
    LOG.info("fraud HTTP API on port {}", listening.actualPort());
  }

  @Override
  public Future<?> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }

  /** The port the HTTP API is bound to; valid once {@link #start()} has succeeded. */
  public int httpPort() {
    if (server == null) {
      throw new IllegalStateException("fraud is not listening yet");
    }
    return server.actualPort();
  }
}
