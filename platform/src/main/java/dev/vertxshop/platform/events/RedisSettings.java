package dev.vertxshop.platform.events;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.util.Optional;

/**
 * The Redis server a service uses ({@code redis.url}, {@code redis://[:password@]host:port[/db]}).
 *
 * @param url the connection string
 */
public record RedisSettings(String url) {

  private static final int MAX_POOL_SIZE = 16;
  private static final int MAX_WAITING = 4096;

  public RedisSettings {
    if (url == null || url.isBlank()) {
      throw new ConfigException("redis.url", "no Redis URL is given");
    }
    URI parsed;
    try {
      parsed = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("redis.url", "'" + url + "' is not a URL");
    }
    if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme()) || parsed.getHost() == null) {
      throw new ConfigException("redis.url", "'" + url + "' is not a redis://host:port URL");
    }
    url = url.trim();
  }

  /** The settings, or empty when {@code redis.url} is empty. */
  public static Optional<RedisSettings> configured(Settings settings) {
    return settings.optionalString("redis.url").map(RedisSettings::new);
  }

  public static RedisSettings require(Settings settings, String service) {
    return configured(settings).orElseThrow(() -> new ConfigException("redis.url",
        service + " needs a Redis server: set redis.url (REDIS_URL)"));
  }

  /** A pooled client; it connects on first use and reconnects after a failure. */
  public Redis client(Vertx vertx) {
    return Redis.createClient(vertx, new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(MAX_POOL_SIZE)
        .setMaxPoolWaiting(MAX_WAITING));
  }

  /** Succeeds when the server answers PING. */
  public static Future<Void> ping(Redis redis) {
    return redis.send(Request.cmd(Command.PING)).mapEmpty();
  }

  @Override
  public String toString() {
    // The password, if any, stays out of logs.
    return "RedisSettings[" + url.replaceAll("//[^@/]*@", "//***@") + "]";
  }
}
