package dev.vertxshop.notifications;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;

/**
 * What the notifications service needs at start-up.
 *
 * @param httpPort port of the HTTP API ({@code notifications.http.port}); 0 binds any free port
 * @param bodyLimitBytes largest request body accepted ({@code http.body-limit-bytes})
 */
public record NotificationsConfig(int httpPort, int bodyLimitBytes) {

  public NotificationsConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("notifications.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < 1) {
      throw new ConfigException("http.body-limit-bytes", bodyLimitBytes + " is not positive");
    }
  }

  /** Reads and validates the notifications service's keys; throws {@link ConfigException} naming the bad key. */
  public static NotificationsConfig from(Settings settings) {
    return new NotificationsConfig(
        settings.port("notifications.http.port"),
        settings.integer("http.body-limit-bytes", 1, Integer.MAX_VALUE));
  }
}
