package dev.vertxshop.launcher;

import dev.vertxshop.launcher.ServiceDefinition.DeployedService;
import dev.vertxshop.launcher.auth.DevIdentity;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.metrics.Metrics;
import dev.vertxshop.platform.tracing.Tracing;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a chosen set of services in one Vert.x instance: checks their configuration, provides the
 * database, Kafka, Redis and SMTP servers they need (the configured ones, or embedded ones started
 * here), points co-located services at each other over localhost and deploys every verticle at
 * once. With {@code cluster.enabled} the Vert.x instance first joins the Hazelcast cluster
 * ({@link ShopCluster}), services find each other through the cluster's directory instead, and
 * this member's endpoints are published there once every service is ready. {@link Main} uses it, and so do the tests that run the shop in-process.
 */
public final class Shop {

  private static final Logger LOG = LoggerFactory.getLogger(Shop.class);

  private final Vertx vertx;
  private final Settings settings;
  private final List<ServiceDefinition<?, ?>> services;
  private final Optional<ShopCluster> cluster;

  private Shop(Vertx vertx, Settings settings, List<ServiceDefinition<?, ?>> services, Optional<ShopCluster> cluster) {
    this.vertx = vertx;
    this.settings = settings;
    this.services = services;
    this.cluster = cluster;
  }

  /**
   * Starts {@code services} (names from {@link Services#NAMES}). The future fails, with nothing
   * left running, when a name is unknown, the configuration is invalid ({@code ConfigException}
   * naming the key), the cluster cannot be joined or a service fails to start. Without an identity
   * provider configured, the services trust the development key pair ({@link DevIdentity}).
   */
  public static Future<RunningShop> start(Settings settings, Collection<String> services) {
    List<ServiceDefinition<?, ?>> selected;
    Settings planned;
    ClusterConfig clusterConfig;
    try {
      selected = Services.select(services);
      planned = Colocation.apply(DevIdentity.applyTo(settings), selected);
      checkConfiguration(planned, selected);
      clusterConfig = ClusterConfig.from(planned);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
    if (!clusterConfig.enabled()) {
      return new Shop(Vertx.vertx(vertxOptions(planned)), planned, selected, Optional.empty()).start();
    }
    // A promise without a Vert.x context, for the same reason as in start().
    Promise<RunningShop> outcome = Promise.promise();
    ShopCluster.join(vertxOptions(planned), clusterConfig).onComplete(
        joined -> new Shop(joined.vertx(), planned, selected, Optional.of(joined)).start().onComplete(outcome),
        outcome::fail);
    return outcome.future();
  }

  /** The Vert.x instance every service of this JVM runs on records metrics and traces. */
  static VertxOptions vertxOptions(Settings settings) {
    VertxOptions options = new VertxOptions();
    Metrics.configure(options, settings);
    Tracing.configure(options, settings);
    return options;
  }

  /** Builds every service's configuration before anything starts, so a bad key fails fast. */
  private static void checkConfiguration(Settings settings, List<ServiceDefinition<?, ?>> selected) {
    Settings probe = ShopServers.standIn(ShopDatabase.standIn(settings, needsDatabase(selected)), needs(selected));
    selected.forEach(service -> service.configure(probe));
    ShutdownSettings.from(settings);
  }

  private static boolean needsDatabase(List<ServiceDefinition<?, ?>> selected) {
    return selected.stream().anyMatch(ServiceDefinition::needsDatabase);
  }

  private static Set<Infrastructure> needs(List<ServiceDefinition<?, ?>> selected) {
    Set<Infrastructure> needs = EnumSet.noneOf(Infrastructure.class);
    selected.forEach(service -> needs.addAll(service.needs()));
    return needs;
  }

  /**
   * The outcome is a promise without a Vert.x context: when start-up fails, the Vert.x instance is
   * closed, and a future of one of its contexts would never tell anyone.
   */
  private Future<RunningShop> start() {
    Promise<RunningShop> outcome = Promise.promise();
    // The database and the other servers start side by side: each takes seconds when embedded.
    Future<ShopDatabase> database = ShopDatabase.provide(vertx, settings, needsDatabase(services));
    Future<ShopServers> servers = ShopServers.provide(vertx, settings, needs(services));
    Future.join(database, servers).onComplete(
        both -> deployAll(database.result(), servers.result(), outcome),
        failure -> stopEverything(
            database.succeeded() ? database.result() : ShopDatabase.none(),
            servers.succeeded() ? servers.result() : ShopServers.none(),
            failure, outcome));
    return outcome.future();
  }

  private void deployAll(ShopDatabase database, ShopServers servers, Promise<RunningShop> outcome) {
    LOG.debug("Database: {}", database.describe());
    Settings provided = servers.applyTo(database.applyTo(settings));
    List<Future<DeployedService>> deployments = services.stream()
        .map(service -> deploy(service, provided))
        .toList();
    // join, not all: on a failure it still waits for the other deployments to settle, because
    // closing Vert.x under a deployment in progress makes Vert.x complete its promises twice.
    Future.join(deployments).onComplete(
        all -> {
          List<DeployedService> deployed = all.list();
          cluster.ifPresent(member -> publish(member, deployed));
          outcome.complete(new RunningShop(vertx, settings, cluster, database, servers, deployed));
        },
        failure -> stopEverything(database, servers, failure, outcome));
  }

  /** Tells the cluster where this member's services answer, now that every one of them is ready. */
  private void publish(ShopCluster member, List<DeployedService> deployed) {
    Map<String, Integer> httpPorts = new LinkedHashMap<>();
    deployed.forEach(service -> httpPorts.put(service.name(), service.httpPort()));
    Map<String, Integer> grpcPorts = new LinkedHashMap<>();
    Colocation.GRPC_APIS.stream()
        .filter(api -> httpPorts.containsKey(api.service()))
        .forEach(api -> grpcPorts.put(api.service(), settings.port(api.portKey())));
    member.publish(httpPorts, grpcPorts);
  }

  private Future<DeployedService> deploy(ServiceDefinition<?, ?> service, Settings provided) {
    try {
      return service.deploy(vertx, provided);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void stopEverything(
      ShopDatabase database, ShopServers servers, Throwable failure, Promise<RunningShop> outcome) {
    LOG.debug("Start-up failed; stopping what started", failure);
    new RunningShop(vertx, settings, cluster, database, servers, List.of()).close().onComplete(ignored -> outcome.fail(failure));
  }
}
