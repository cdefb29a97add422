package dev.vertxshop.platform.health;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * How a service stops on SIGTERM ({@code shutdown.*}).
 *
 * @param preStopDelay how long readiness answers 503 before the HTTP servers stop accepting
 *     connections, so that load balancers and Kubernetes endpoints stop sending new requests first
 *     ({@code shutdown.pre-stop-delay-ms}; 0: stop accepting at once)
 * @param drainTimeout how long requests in flight may take to finish once a server stops accepting;
 *     connections still busy after it are closed ({@code shutdown.drain-timeout-ms})
 */
public record ShutdownSettings(Duration preStopDelay, Duration drainTimeout) {

  /** What a service deployed without these settings uses: no pre-stop delay, a 10 s drain. */
  public static final ShutdownSettings DEFAULTS = new ShutdownSettings(Duration.ZERO, Duration.ofSeconds(10));

  private static final String PRE_STOP_DELAY = "shutdown.pre-stop-delay-ms";
  private static final String DRAIN_TIMEOUT = "shutdown.drain-timeout-ms";

  public ShutdownSettings {
    Objects.requireNonNull(preStopDelay, "preStopDelay");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    if (preStopDelay.isNegative()) {
      throw new ConfigException(PRE_STOP_DELAY, "must not be negative");
    }
    if (drainTimeout.isNegative()) {
      throw new ConfigException(DRAIN_TIMEOUT, "must not be negative");
    }
  }

  public static ShutdownSettings from(Settings settings) {
    return new ShutdownSettings(
        Duration.ofMillis(settings.integer(PRE_STOP_DELAY, 0, Integer.MAX_VALUE)),
        Duration.ofMillis(settings.integer(DRAIN_TIMEOUT, 0, Integer.MAX_VALUE)));
  }

  /**
   * The settings a verticle was deployed with ({@link #toDeploymentConfig()} in its deployment's
   * configuration), or {@link #DEFAULTS} when it was deployed without them.
   */
  public static ShutdownSettings fromDeploymentConfig(JsonObject config) {
    JsonObject shutdown = config == null ? null : config.getJsonObject("shutdown");
    if (shutdown == null) {
      return DEFAULTS;
    }
    return new ShutdownSettings(
        Duration.ofMillis(shutdown.getLong("preStopDelayMs", DEFAULTS.preStopDelay.toMillis())),
        Duration.ofMillis(shutdown.getLong("drainTimeoutMs", DEFAULTS.drainTimeout.toMillis())));
  }

  /** A deployment configuration that {@link #fromDeploymentConfig} reads back. */
  public JsonObject toDeploymentConfig() {
    return new JsonObject().put("shutdown", new JsonObject()
        .put("preStopDelayMs", preStopDelay.toMillis())
        .put("drainTimeoutMs", drainTimeout.toMillis()));
  }
}
