package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.health.ShutdownSettings;
import dev.vertxshop.platform.http.ServerLimits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * How the launcher runs one service: its name (also the prefix of its configuration keys), the
 * servers it needs (PostgreSQL, Kafka, ...), and how its configuration and verticle are built.
 * Every service module has the same shape ({@code <Svc>Config.from(Settings)}, {@code new
 * <Svc>Verticle(config)}, {@code httpPort()}), so this is all the launcher knows about a service.
 *
 * @param <C> the service's configuration record
 * @param <V> the service's verticle
 */
public record ServiceDefinition<C, V extends VerticleBase>(
    String name,
    Set<Infrastructure> needs,
    Function<Settings, C> config,
    Function<C, V> verticle,
    ToIntFunction<V> httpPort) {

  public ServiceDefinition {
    Objects.requireNonNull(name, "name");
    needs = needs.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(needs));
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(verticle, "verticle");
    Objects.requireNonNull(httpPort, "httpPort");
  }

  /** Whether the service cannot run without {@code server}. */
  public boolean needs(Infrastructure server) {
    return needs.contains(server);
  }

  public boolean needsDatabase() {
    return needs(Infrastructure.POSTGRESQL);
  }

  /** The key of the service's HTTP port: {@code <name>.http.port}. */
  public String portKey() {
    return name + ".http.port";
  }

  /** The key of the address other services use to reach this one: {@code <name>.service-url}. */
  public String serviceUrlKey() {
    return name + ".service-url";
  }

  /** Builds the service's configuration; throws a {@code ConfigException} naming a bad key. */
  C configure(Settings settings) {
    return config.apply(settings);
  }

  /**
   * Deploys one instance of the service's verticle, with the shutdown settings and the HTTP server
   * limits as its deployment configuration ({@link ShutdownSettings#fromDeploymentConfig}, {@link
   * ServerLimits#fromDeploymentConfig}); completes once it listens.
   */
  Future<DeployedService> deploy(Vertx vertx, Settings settings) {
    V instance = verticle.apply(configure(settings));
    DeploymentOptions options = new DeploymentOptions().setConfig(ShutdownSettings.from(settings).toDeploymentConfig()
        .mergeIn(ServerLimits.from(settings).toDeploymentConfig()));
    return vertx.deployVerticle(() -> instance, options)
        .map(deploymentId -> new DeployedService(name, deploymentId, httpPort.applyAsInt(instance)));
  }

  /** A service that started: its deployment and the port its HTTP API is bound to. */
  record DeployedService(String name, String deploymentId, int httpPort) {}
}
