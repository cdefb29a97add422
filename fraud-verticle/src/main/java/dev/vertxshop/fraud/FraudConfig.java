package dev.vertxshop.fraud;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;

/**
 * What the fraud service needs at start-up.
 *
 * @param httpPort port of the HTTP API ({@code fraud.http.port}); 0 binds any free port
 * @param bodyLimitBytes largest request body accepted ({@code http.body-limit-bytes})
 */
public record FraudConfig(int httpPort, int bodyLimitBytes) {

  public FraudConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("fraud.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < 1) {
      throw new ConfigException("http.body-limit-bytes", bodyLimitBytes + " is not positive");
    }
  }

  /** Reads and validates the fraud service's keys; throws {@link ConfigException} naming the bad key. */
  public static FraudConfig from(Settings settings) {
    return new FraudConfig(
        settings.port("fraud.http.port"),
        settings.integer("http.body-limit-bytes", 1, Integer.MAX_VALUE));
  }
}
