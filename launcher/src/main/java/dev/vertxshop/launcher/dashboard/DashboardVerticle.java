package dev.vertxshop.launcher.dashboard;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The dashboard's HTTP server: the page ({@code GET /dashboard/}, files from the {@code dashboard/}
 * resources), its event stream ({@code GET /dashboard/events}) and the admin actions it relays
 * ({@link AdminRelay}). Everything it does runs on this verticle's event loop.
 */
final class DashboardVerticle extends VerticleBase {

  static final long INTERVAL_MS = 1000;
  /** How long a snapshot of the cluster waits for the members' own. */
  static final long CLUSTER_PATIENCE_MS = 600;

  private final DashboardSettings settings;
  private final Function<HttpClient, SnapshotCollector> collectors;
  private final Function<HttpClient, AdminRelay> relays;
  private final Optional<IntSupplier> clusterSize;
  private HttpClient client;
  private HttpServer server;
  private SnapshotStream stream;
  private ClusterSnapshots cluster;

  /**
   * @param clusterSize how many members the cluster has now, when this member is clustered: the
   *     snapshots then cover every member ({@link ClusterSnapshots}, {@link ClusterView})
   */
  DashboardVerticle(DashboardSettings settings, Function<HttpClient, SnapshotCollector> collectors,
      Function<HttpClient, AdminRelay> relays, Optional<IntSupplier> clusterSize) {
    this.settings = settings;
    this.collectors = collectors;
    this.relays = relays;
    this.clusterSize = clusterSize;
  }

  @Override
  public Future<?> start() {
    client = vertx.createHttpClient();
    SnapshotCollector local = collectors.apply(client);
    Future<Void> answering = Future.succeededFuture();
    if (clusterSize.isPresent()) {
      cluster = new ClusterSnapshots(vertx, local::collect, clusterSize.get(), CLUSTER_PATIENCE_MS);
      answering = cluster.answer();
      stream = new SnapshotStream(vertx, () -> cluster.gather().map(members -> ClusterView.merge(members, Instant.now())), INTERVAL_MS);
    } else {
      stream = new SnapshotStream(vertx, local::collect, INTERVAL_MS);
    }
    Router router = Router.router(vertx);
    // The page's links are relative to /dashboard/; the route matches both /dashboard and /dashboard/.
    router.get("/dashboard").handler(ctx -> {
      if (ctx.request().path().endsWith("/")) {
        ctx.next();
      } else {
        ctx.redirect("/dashboard/");
      }
    });
    router.get("/dashboard/events").handler(ctx -> stream.join(ctx.response()));
    relays.apply(client).mount(router);
    router.get("/dashboard/*").handler(StaticHandler.create("dashboard").setCachingEnabled(false));
    return answering.compose(ready -> vertx.createHttpServer(new HttpServerOptions().setHost(settings.host()).setPort(settings.port()))
        .requestHandler(router)
        .listen()
        .onSuccess(listening -> server = listening));
  }

  @Override
  public Future<?> stop() {
    stream.closeAll();
    Future<Void> answering = cluster == null ? Future.succeededFuture() : cluster.close();
    return answering.eventually(() -> server.close()).eventually(() -> client.close());
  }

  int actualPort() {
    return server.actualPort();
  }

  /** Streams open now; read on the verticle's context. */
  Future<Integer> clients() {
    return onContext(() -> stream.clients());
  }

  /** Snapshots computed so far; read on the verticle's context. */
  Future<Long> computed() {
    return onContext(() -> stream.computed());
  }

  private <T> Future<T> onContext(Supplier<T> read) {
    Promise<T> value = Promise.promise();
    context.runOnContext(ignored -> value.complete(read.get()));
    return value.future();
  }
}
