package dev.vertxshop.launcher;

import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.launcher.ServiceDefinition.DeployedService;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.health.Health;
import dev.vertxshop.platform.health.ShutdownSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Services started by {@link Shop#start}: where they listen, and how to stop them. */
public final class RunningShop {

  private static final Logger LOG = LoggerFactory.getLogger(RunningShop.class);
  /**
   * How long the services get to undeploy, beyond the pre-stop delay and the drain timeout, before
   * the database and other servers are stopped regardless.
   */
  static final long UNDEPLOY_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final Settings settings;
  private final Optional<ShopCluster> cluster;
  private final ShopDatabase database;
  private final ShopServers servers;
  private final Map<String, Integer> ports;
  private final List<String> services;
  private Future<Void> closing;

  RunningShop(
      Vertx vertx, Settings settings, Optional<ShopCluster> cluster, ShopDatabase database, ShopServers servers,
      List<DeployedService> deployed) {
    this.vertx = vertx;
    this.settings = settings;
    this.cluster = cluster;
    this.database = database;
    this.servers = servers;
    Map<String, Integer> byName = new LinkedHashMap<>();
    deployed.forEach(service -> byName.put(service.name(), service.httpPort()));
    this.ports = Map.copyOf(byName);
    this.services = deployed.stream().map(DeployedService::name).toList();
  }

  public Vertx vertx() {
    return vertx;
  }

  /** The cluster this shop's Vert.x instance is a member of, when clustered ({@code cluster.enabled}). */
  public Optional<ShopCluster> cluster() {
    return cluster;
  }

  /** The running services, in the launcher's order. */
  public List<String> services() {
    return services;
  }

  /** The HTTP port of each running service. */
  public Map<String, Integer> ports() {
    return ports;
  }

  public int port(String service) {
    Integer port = ports.get(service);
    if (port == null) {
      throw new IllegalArgumentException("'" + service + "' is not running; running: " + String.join(", ", services));
    }
    return port;
  }

  /** {@code http://127.0.0.1:<port>} of a running service. */
  public URI url(String service) {
    return URI.create("http://127.0.0.1:" + port(service));
  }

  /** The configuration the services run with (free ports chosen, servers not yet filled in). */
  Settings settings() {
    return settings;
  }

  public ShopDatabase database() {
    return database;
  }

  /** The Kafka, Redis and SMTP servers that the launcher started for the services, if any. */
  public ShopServers servers() {
    return servers;
  }

  /** The embedded SMTP server and the mails it received, when the launcher started one. */
  public Optional<EmbeddedSmtp> smtp() {
    return servers.smtp();
  }

  /** One line per server the services use (database, Kafka, Redis, SMTP), for the console. */
  public List<String> describeServers() {
    List<String> lines = new ArrayList<>();
    lines.add("Database: " + database.describe());
    lines.addAll(servers.describe(settings));
    return lines;
  }

  /** The pre-stop delay plus the drain timeout: what a graceful {@link #close()} may take beyond its own work. */
  public Duration shutdownGrace() {
    ShutdownSettings shutdown = ShutdownSettings.from(settings);
    return shutdown.preStopDelay().plus(shutdown.drainTimeout());
  }

  /**
   * Stops gracefully: a clustered member withdraws its endpoints from the cluster's directory (the
   * other members send it no new calls), every service's readiness turns 503 at once, the pre-stop delay passes (load
   * balancers stop sending requests), then every service is undeployed (closing the Vert.x
   * instance, which leaves the cluster when clustered): its HTTP servers accept no new connection and answer the requests in flight within
   * the drain timeout, its consumers commit and leave their groups, the outbox relay finishes its
   * pass, its pools close. That may take the pre-stop delay, the drain timeout and {@value
   * #UNDEPLOY_TIMEOUT_SECONDS} s more; then the embedded Kafka, Redis and SMTP servers and the
   * embedded database stop. Calling it again returns the same future.
   */
  public synchronized Future<Void> close() {
    if (closing == null) {
      ShutdownSettings shutdown = ShutdownSettings.from(settings);
      cluster.ifPresent(ShopCluster::withdraw);
      Health.announceStopping(vertx);
      long undeployBoundMillis = shutdownGrace().toMillis() + TimeUnit.SECONDS.toMillis(UNDEPLOY_TIMEOUT_SECONDS);
      // Vert.x cannot time its own closing, so the bound and the blocking server stops run on
      // plain threads.
      CompletableFuture<Void> stopped = CompletableFuture
          .runAsync(() -> { }, CompletableFuture.delayedExecutor(shutdown.preStopDelay().toMillis(), TimeUnit.MILLISECONDS))
          .thenCompose(delayed -> vertx.close().toCompletionStage())
          .orTimeout(undeployBoundMillis, TimeUnit.MILLISECONDS)
          .handle((ignored, failure) -> {
            if (failure != null) {
              LOG.warn("Services did not stop cleanly: {}", failure.toString());
            }
            return null;
          })
          .thenRunAsync(this::stopServers, RunningShop::onOwnThread);
      closing = Future.fromCompletionStage(stopped);
    }
    return closing;
  }

  private void stopServers() {
    servers.stop();
    database.stop();
  }

  private static void onOwnThread(Runnable task) {
    Thread thread = new Thread(task, "vertx-shop-servers-stop");
    thread.start();
  }
}
