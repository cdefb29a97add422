package dev.vertxshop.payments;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.pg.PgSettings;
import java.util.Objects;

/**
 * The payments service's configuration, read and validated once at start-up.
 *
 * @param httpPort where the HTTP API listens ({@code payments.http.port}, default 8083; 0 picks a
 *     free port)
 * @param bodyLimitBytes the largest request body accepted, larger ones are answered 413 ({@code
 *     http.body-limit-bytes}, 256 to 16777216)
 * @param pg the PostgreSQL server holding schema {@code payments} ({@code pg.url}, or {@code
 *     pg.host} and its companions); required
 * @param fraud how charges are screened by the fraud service: its address, the deadline, the
 *     policy without a verdict, the circuit breaker (see {@link FraudSettings})
 * @param auth how requests are authenticated ({@code auth.*}; an identity provider is required)
 */
public record PaymentsConfig(int httpPort, int bodyLimitBytes, PgSettings pg, FraudSettings fraud, AuthSettings auth) {

  public static final String HTTP_PORT = "payments.http.port";
  public static final String BODY_LIMIT = "http.body-limit-bytes";
  static final int MIN_BODY_LIMIT = 256;
  static final int MAX_BODY_LIMIT = 16 * 1024 * 1024;

  public PaymentsConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException(HTTP_PORT, httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < MIN_BODY_LIMIT || bodyLimitBytes > MAX_BODY_LIMIT) {
      throw new ConfigException(BODY_LIMIT, bodyLimitBytes + " is outside " + MIN_BODY_LIMIT + ".." + MAX_BODY_LIMIT);
    }
    Objects.requireNonNull(pg, "pg");
    Objects.requireNonNull(fraud, "fraud");
    Objects.requireNonNull(auth, "auth");
  }

  /** Reads every key payments uses; throws {@link ConfigException} naming the first invalid one. */
  public static PaymentsConfig from(Settings settings) {
    return new PaymentsConfig(
        settings.port(HTTP_PORT),
        settings.integer(BODY_LIMIT, MIN_BODY_LIMIT, MAX_BODY_LIMIT),
        PgSettings.configured(settings).orElseThrow(() ->
            new ConfigException("pg.host", "payments needs a PostgreSQL server: set pg.url or pg.host")),
        FraudSettings.from(settings),
        AuthSettings.from(settings));
  }

  /** A copy listening on {@code port}. */
  public PaymentsConfig withHttpPort(int port) {
    return new PaymentsConfig(port, bodyLimitBytes, pg, fraud, auth);
  }
}
