package dev.vertxshop.fraud;

import dev.vertxshop.fraud.domain.RulesSettings;
import dev.vertxshop.fraud.domain.Transaction;
import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What the fraud service needs at start-up.
 *
 * @param httpPort port of the HTTP health endpoints ({@code fraud.http.port}); 0 binds any free port
 * @param bodyLimitBytes largest request body accepted ({@code http.body-limit-bytes})
 * @param grpcPort port of the gRPC API ({@code fraud.grpc.port}); 0 binds any free port
 * @param rules how transactions are judged ({@code fraud.rules.*}, see {@link #from(Settings)})
 * @param auth how requests are authenticated ({@code auth.*}): the gRPC {@code fraud.FraudDetection}
 *     calls need the internal grant, the HTTP {@code /admin/*} endpoints the admin grant
 */
public record FraudConfig(int httpPort, int bodyLimitBytes, int grpcPort, RulesSettings rules, AuthSettings auth) {

  private static final String RULES = "fraud.rules.";

  public FraudConfig {
    if (httpPort < 0 || httpPort > 65535) {
      throw new ConfigException("fraud.http.port", httpPort + " is outside 0..65535");
    }
    if (bodyLimitBytes < 1) {
      throw new ConfigException("http.body-limit-bytes", bodyLimitBytes + " is not positive");
    }
    if (grpcPort < 0 || grpcPort > 65535) {
      throw new ConfigException("fraud.grpc.port", grpcPort + " is outside 0..65535");
    }
    if (grpcPort != 0 && grpcPort == httpPort) {
      throw new ConfigException("fraud.grpc.port", grpcPort + " is also fraud.http.port");
    }
    Objects.requireNonNull(rules, "rules");
    Objects.requireNonNull(auth, "auth");
  }

  /**
   * Reads and validates the fraud service's keys; throws {@link ConfigException} naming the bad key.
   *
   * <p>Rule keys under {@code fraud.rules.}: {@code fraud-threshold}; {@code high-amount.cents},
   * {@code high-amount.weight}; {@code very-high-amount.cents}, {@code very-high-amount.weight};
   * {@code velocity.window-ms}, {@code velocity.max-count}, {@code velocity.count-weight}, {@code
   * velocity.max-amount-cents}, {@code velocity.amount-weight}; {@code country-change.window-ms},
   * {@code country-change.weight}; {@code blocked-merchants.ids} (comma-separated), {@code
   * blocked-merchants.weight}; {@code max-users}; {@code max-events-per-user}. Weights and the
   * threshold are decimals in [0, 1]. A key missing from the configuration takes the default of {@link
   * RulesSettings#defaults()} (9090 for {@code fraud.grpc.port}).
   */
  public static FraudConfig from(Settings settings) {
    return new FraudConfig(
        settings.port("fraud.http.port"),
        settings.integer("http.body-limit-bytes", 1, Integer.MAX_VALUE),
        settings.has("fraud.grpc.port") ? settings.port("fraud.grpc.port") : 9090,
        rules(settings),
        AuthSettings.from(settings));
  }

  private static RulesSettings rules(Settings settings) {
    RulesSettings defaults = RulesSettings.defaults();
    long highCents = cents(settings, "high-amount.cents", defaults.highAmountCents());
    long veryHighCents = cents(settings, "very-high-amount.cents", defaults.veryHighAmountCents());
    if (veryHighCents < highCents) {
      throw new ConfigException(RULES + "very-high-amount.cents",
          veryHighCents + " is below " + RULES + "high-amount.cents (" + highCents + ")");
    }
    double threshold = fraction(settings, "fraud-threshold", defaults.fraudThreshold());
    if (threshold == 0) {
      throw new ConfigException(RULES + "fraud-threshold", "must be above 0 (0 would make every transaction fraud)");
    }
    return RulesSettings.builder()
        .highAmount(highCents, fraction(settings, "high-amount.weight", defaults.highAmountWeight()))
        .veryHighAmount(veryHighCents, fraction(settings, "very-high-amount.weight", defaults.veryHighAmountWeight()))
        .velocityWindow(window(settings, "velocity.window-ms", defaults.velocityWindow()))
        .velocityCount(
            whole(settings, "velocity.max-count", 1, RulesSettings.MAX_VELOCITY_COUNT, defaults.velocityMaxCount()),
            fraction(settings, "velocity.count-weight", defaults.velocityCountWeight()))
        .velocityAmount(
            cents(settings, "velocity.max-amount-cents", defaults.velocityMaxAmountCents()),
            fraction(settings, "velocity.amount-weight", defaults.velocityAmountWeight()))
        .countryChange(
            window(settings, "country-change.window-ms", defaults.countryWindow()),
            fraction(settings, "country-change.weight", defaults.countryChangeWeight()))
        .blockedMerchants(
            merchants(settings, "blocked-merchants.ids"),
            fraction(settings, "blocked-merchants.weight", defaults.blockedMerchantWeight()))
        .fraudThreshold(threshold)
        .maxUsers(whole(settings, "max-users", 1, RulesSettings.MAX_USERS, defaults.maxUsers()))
        .maxEventsPerUser(whole(settings, "max-events-per-user", 1, RulesSettings.MAX_EVENTS_PER_USER,
            defaults.maxEventsPerUser()))
        .build();
  }

  private static long cents(Settings settings, String name, long fallback) {
    String key = RULES + name;
    if (!settings.has(key)) {
      return fallback;
    }
    String text = settings.string(key);
    long cents;
    try {
      cents = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + text + "' is not a whole number of cents");
    }
    if (cents < 0 || cents > RulesSettings.MAX_CENTS) {
      throw new ConfigException(key, cents + " is outside 0.." + RulesSettings.MAX_CENTS);
    }
    return cents;
  }

  private static double fraction(Settings settings, String name, double fallback) {
    String key = RULES + name;
    if (!settings.has(key)) {
      return fallback;
    }
    String text = settings.string(key);
    double value;
    try {
      value = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + text + "' is not a decimal number");
    }
    if (!(value >= 0 && value <= 1)) {
      throw new ConfigException(key, text + " is outside 0..1");
    }
    return value;
  }

  private static int whole(Settings settings, String name, int min, int max, int fallback) {
    String key = RULES + name;
    return settings.has(key) ? settings.integer(key, min, max) : fallback;
  }

  private static Duration window(Settings settings, String name, Duration fallback) {
    String key = RULES + name;
    if (!settings.has(key)) {
      return fallback;
    }
    return settings.millis(key);
  }

  private static Set<String> merchants(Settings settings, String name) {
    String key = RULES + name;
    Set<String> merchants = new LinkedHashSet<>();
    settings.optionalString(key).ifPresent(list -> Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .forEach(id -> {
          if (id.length() > Transaction.MAX_ID_LENGTH) {
            throw new ConfigException(key, "merchant id '" + id.substring(0, 16) + "...' is longer than "
                + Transaction.MAX_ID_LENGTH + " characters");
          }
          merchants.add(id);
        }));
    return merchants;
  }
}
