package dev.vertxshop.platform.http;

import dev.vertxshop.platform.config.Settings;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A per-client rate limit ({@code <prefix>.*}, e.g. {@code orders.rate-limit.*}): each client has a
 * token bucket of {@code burst} tokens, refilled at {@code requestsPerSecond}; a request takes one
 * token or is refused 429 until one is back.
 *
 * @param requestsPerSecond sustained requests per second per client ({@code
 *     requests-per-second}); 0 turns the limit off
 * @param burst requests a client may send at once after being idle ({@code burst}; at least 1)
 * @param maxClients clients whose buckets are kept; beyond it the least recently seen is forgotten
 *     (it starts again with a full bucket), so memory stays bounded ({@code max-clients})
 * @param trustedProxies addresses of proxies whose {@code X-Forwarded-For} is believed ({@code
 *     trusted-proxies}, comma-separated); empty: the client is the connection's remote address
 */
public record RateLimitSettings(int requestsPerSecond, int burst, int maxClients, Set<String> trustedProxies) {

  /** No limit. */
  public static final RateLimitSettings OFF = new RateLimitSettings(0, 1, 1, Set.of());

  public RateLimitSettings {
    if (requestsPerSecond < 0 || requestsPerSecond > 1_000_000) {
      throw new IllegalArgumentException("requestsPerSecond must be in 0..1000000, was " + requestsPerSecond);
    }
    if (burst < 1 || maxClients < 1) {
      throw new IllegalArgumentException("burst and maxClients must be at least 1");
    }
    trustedProxies = Set.copyOf(Objects.requireNonNull(trustedProxies, "trustedProxies"));
  }

  public boolean enabled() {
    return requestsPerSecond > 0;
  }

  /** Reads {@code <prefix>.requests-per-second}, {@code .burst}, {@code .max-clients}, {@code .trusted-proxies}. */
  public static RateLimitSettings from(Settings settings, String prefix) {
    String rateKey = prefix + ".requests-per-second";
    int rate = settings.integer(rateKey, 0, 1_000_000);
    int burst = settings.integer(prefix + ".burst", 1, 1_000_000);
    int maxClients = settings.integer(prefix + ".max-clients", 1, 10_000_000);
    Set<String> proxies = settings.optionalString(prefix + ".trusted-proxies")
        .map(text -> Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet()))
        .orElse(Set.of());
    return new RateLimitSettings(rate, burst, maxClients, proxies);
  }
}
