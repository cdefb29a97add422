package dev.vertxshop.launcher.dashboard;

import dev.vertxshop.launcher.RunningShop;
import dev.vertxshop.platform.metrics.Metrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The live operations dashboard of the services running in this JVM, served by the launcher on
 * its own port ({@code dashboard.port}, {@code dashboard.host}): a page at {@code /dashboard/} that follows a stream of
 * snapshots ({@code /dashboard/events}, server-sent events, at most one a second and only while
 * someone has the page open) and relays its admin actions to the services' admin endpoints.
 *
 * <p>A snapshot describes this JVM's services; in a cluster it covers every member: each one's
 * dashboard answers the others' requests for its snapshot over the event bus ({@link
 * ClusterSnapshots}), and the page shows them merged ({@link ClusterView}), from whichever member it
 * was opened on.
 */
public final class Dashboard {

  private final Vertx vertx;
  private final String deployment;
  private final DashboardVerticle verticle;

  private Dashboard(Vertx vertx, String deployment, DashboardVerticle verticle) {
    this.vertx = vertx;
    this.deployment = deployment;
    this.verticle = verticle;
  }

  /** Serves the dashboard of {@code shop}'s services where {@code settings} say. */
  public static Future<Dashboard> start(RunningShop shop, DashboardSettings settings) {
    Vertx vertx = shop.vertx();
    Map<String, Integer> ports = new LinkedHashMap<>();
    shop.services().forEach(service -> ports.put(service, shop.port(service)));
    String member = shop.cluster().map(cluster -> "member " + cluster.nodeId()).orElse("local");
    Optional<MeterRegistry> registry = Metrics.registry(vertx).map(MeterRegistry.class::cast);
    DashboardVerticle verticle = new DashboardVerticle(settings,
        client -> new SnapshotCollector(member, Clock.systemUTC(), new Readiness(client, ports), registry),
        client -> new AdminRelay(client, ports),
        shop.cluster().map(cluster -> () -> cluster.nodes().size()));
    return vertx.deployVerticle(verticle).map(id -> new Dashboard(vertx, id, verticle));
  }

  /** The port the dashboard listens on. */
  public int port() {
    return verticle.actualPort();
  }

  /** Event streams open now. */
  Future<Integer> clients() {
    return verticle.clients();
  }

  /** Snapshots computed since the dashboard started. */
  Future<Long> snapshotsComputed() {
    return verticle.computed();
  }

  public Future<Void> close() {
    return vertx.undeploy(deployment);
  }
}
