package dev.vertxshop.platform.http;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.json.JsonObject;

/**
 * The size limits of every service's HTTP server, below the router ({@code http.*}); the body limit
 * is each service's {@code http.body-limit-bytes}, applied by the router's body handler. A request
 * over a limit is answered with a problem and its connection is closed ({@link InvalidRequests}).
 *
 * @param maxInitialLineBytes the longest request line (method, URI with its query, version); longer
 *     ones are answered 414 ({@code http.max-initial-line-bytes})
 * @param maxHeaderBytes the most bytes of all request headers together; more are answered 431
 *     ({@code http.max-header-bytes})
 */
public record ServerLimits(int maxInitialLineBytes, int maxHeaderBytes) {

  /** What a server deployed without these settings uses; also the defaults of the configuration. */
  public static final ServerLimits DEFAULTS = new ServerLimits(8192, 16384);

  static final String MAX_INITIAL_LINE = "http.max-initial-line-bytes";
  static final String MAX_HEADER = "http.max-header-bytes";
  private static final int MIN = 256;
  private static final int MAX = 1024 * 1024;

  public ServerLimits {
    requireWithin(MAX_INITIAL_LINE, maxInitialLineBytes);
    requireWithin(MAX_HEADER, maxHeaderBytes);
  }

  private static void requireWithin(String key, int value) {
    if (value < MIN || value > MAX) {
      throw new ConfigException(key, value + " is outside " + MIN + ".." + MAX);
    }
  }

  public static ServerLimits from(Settings settings) {
    return new ServerLimits(settings.integer(MAX_INITIAL_LINE, MIN, MAX), settings.integer(MAX_HEADER, MIN, MAX));
  }

  /**
   * The limits a verticle was deployed with ({@link #toDeploymentConfig()} merged into its
   * deployment's configuration), or {@link #DEFAULTS} when it was deployed without them.
   */
  public static ServerLimits fromDeploymentConfig(JsonObject config) {
    JsonObject limits = config == null ? null : config.getJsonObject("httpLimits");
    if (limits == null) {
      return DEFAULTS;
    }
    return new ServerLimits(
        limits.getInteger("maxInitialLineBytes", DEFAULTS.maxInitialLineBytes),
        limits.getInteger("maxHeaderBytes", DEFAULTS.maxHeaderBytes));
  }

  /** A deployment configuration that {@link #fromDeploymentConfig} reads back. */
  public JsonObject toDeploymentConfig() {
    return new JsonObject().put("httpLimits", new JsonObject()
        .put("maxInitialLineBytes", maxInitialLineBytes)
        .put("maxHeaderBytes", maxHeaderBytes));
  }
}
