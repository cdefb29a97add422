package dev.vertxshop.payments;

import dev.vertxshop.payments.domain.FraudPolicy;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceLocation;
import dev.vertxshop.platform.resilience.BreakerSettings;
import dev.vertxshop.platform.resilience.ResilienceSettings;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How payments screens charges with the fraud service, read and validated at start-up.
 *
 * @param host the fraud service's gRPC host ({@code fraud.service-address}, {@code host:port};
 *     empty: the launcher sets {@code 127.0.0.1:<fraud.grpc.port>} when fraud runs in the same JVM,
 *     otherwise {@code fraud.<kubernetes.namespace>.svc.cluster.local:9090})
 * @param port the fraud service's gRPC port, from the same key
 * @param addressConfigured whether {@code fraud.service-address} was set: a configured address
 *     wins over discovery in a cluster; the default one serves only outside a cluster
 * @param deadline the time a charge waits for a verdict, connecting included ({@code
 *     payments.fraud.deadline-ms}, 1 to 60000, default 200)
 * @param policy what happens without a verdict ({@code payments.fraud.policy}: {@code fail-open}
 *     (default) or {@code fail-closed}; {@code payments.fraud.fail-open-limit-cents}, default 10000:
 *     fail-open lets only smaller amounts through)
 * @param merchantId who is paid, as the fraud service is told ({@code payments.merchant-id},
 *     default {@code vertx-shop})
 * @param defaultCountry the country of a charge that names none ({@code payments.default-country},
 *     ISO 3166-1 alpha-2, default {@code DE})
 * @param breaker when the circuit breaker named {@code fraud} opens: the platform's rules for every
 *     call between services ({@code http.client.breaker.*})
 */
public record FraudSettings(
    String host, int port, boolean addressConfigured, Duration deadline, FraudPolicy policy, String merchantId, String defaultCountry,
    BreakerSettings breaker) {

  public static final String ADDRESS = "fraud.service-address";
  public static final String DEADLINE_MS = "payments.fraud.deadline-ms";
  public static final String POLICY = "payments.fraud.policy";
  public static final String FAIL_OPEN_LIMIT_CENTS = "payments.fraud.fail-open-limit-cents";
  public static final String MERCHANT_ID = "payments.merchant-id";
  public static final String DEFAULT_COUNTRY = "payments.default-country";
  static final String NAMESPACE = "kubernetes.namespace";
  /** The port of the fraud service's gRPC API behind its Kubernetes service. */
  static final int CLUSTER_GRPC_PORT = 9090;
  static final int MAX_DEADLINE_MS = 60_000;

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  public FraudSettings {
    Objects.requireNonNull(host, "host");
    if (!HOST.matcher(host).matches()) {
      throw new ConfigException(ADDRESS, "'" + host + "' is not a host name or IPv4 address");
    }
    if (port < 1 || port > 65535) {
      throw new ConfigException(ADDRESS, port + " is outside 1..65535");
    }
    Objects.requireNonNull(deadline, "deadline");
    if (deadline.toMillis() < 1 || deadline.toMillis() > MAX_DEADLINE_MS) {
      throw new ConfigException(DEADLINE_MS, deadline.toMillis() + " ms is outside 1.." + MAX_DEADLINE_MS);
    }
    if (policy == null) {
      throw new ConfigException(POLICY, "a policy is required");
    }
    if (merchantId == null || merchantId.isBlank()) {
      throw new ConfigException(MERCHANT_ID, "a value is required");
    }
    if (defaultCountry == null || !COUNTRY.matcher(defaultCountry).matches()) {
      throw new ConfigException(DEFAULT_COUNTRY, "'" + defaultCountry + "' is not two upper-case letters (ISO 3166-1 alpha-2)");
    }
    Objects.requireNonNull(breaker, "breaker");
  }

  /** Reads every key above; throws {@link ConfigException} naming the first invalid one. */
  public static FraudSettings from(Settings settings) {
    String address = settings.optionalString(ADDRESS)
        .orElseGet(() -> "fraud." + settings.string(NAMESPACE) + ".svc.cluster.local:" + CLUSTER_GRPC_PORT);
    int colon = address.lastIndexOf(':');
    if (colon < 1 || colon == address.length() - 1) {
      throw new ConfigException(ADDRESS, "'" + address + "' is not host:port");
    }
    return new FraudSettings(
        address.substring(0, colon),
        port(address.substring(colon + 1)),
        settings.optionalString(ADDRESS).isPresent(),
        Duration.ofMillis(settings.integer(DEADLINE_MS, 1, MAX_DEADLINE_MS)),
        policy(settings),
        settings.string(MERCHANT_ID),
        settings.string(DEFAULT_COUNTRY),
        ResilienceSettings.from(settings).breaker());
  }

  private static int port(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new ConfigException(ADDRESS, "'" + text + "' is not a port");
    }
  }

  private static FraudPolicy policy(Settings settings) {
    FraudPolicy.Mode mode;
    try {
      mode = FraudPolicy.Mode.fromCode(settings.string(POLICY));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(POLICY, e.getMessage());
    }
    Money limit = Money.ofCents(settings.integer(FAIL_OPEN_LIMIT_CENTS, 0, Integer.MAX_VALUE));
    return new FraudPolicy(mode, limit);
  }

  /** {@code host:port}. */
  public String address() {
    return host + ":" + port;
  }

  /** Where fraud is called over gRPC, as configured. */
  public ServiceLocation location() {
    return new ServiceLocation("fraud", Endpoint.Protocol.GRPC, address(), addressConfigured);
  }
}
