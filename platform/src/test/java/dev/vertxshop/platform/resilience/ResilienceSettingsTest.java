package dev.vertxshop.platform.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResilienceSettingsTest {

  private static ResilienceSettings load(Map<String, String> env) {
    return ResilienceSettings.from(ConfigLoader.load(env));
  }

  private static void rejected(String variable, String value, String key) {
    assertThatThrownBy(() -> load(Map.of(variable, value)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(key)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo(key));
  }

  @Test
  void theBundledDefaultsAreTheDocumentedOnes() {
    ResilienceSettings settings = load(Map.of());

    assertThat(settings).isEqualTo(ResilienceSettings.DEFAULTS);
    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.retry()).isEqualTo(new RetrySettings(3, Duration.ofMillis(50), Duration.ofSeconds(1)));
    assertThat(settings.breaker()).isEqualTo(new BreakerSettings(50, 10, Duration.ofSeconds(10), Duration.ofSeconds(30)));
  }

  @Test
  void everyKeyCanBeOverriddenByTheEnvironment() {
    ResilienceSettings settings = load(Map.of(
        "HTTP_CLIENT_TIMEOUT_MS", "300",
        "HTTP_CLIENT_DEADLINE_MS", "900",
        "HTTP_CLIENT_RETRY_MAX_ATTEMPTS", "5",
        "HTTP_CLIENT_RETRY_INITIAL_BACKOFF_MS", "20",
        "HTTP_CLIENT_RETRY_MAX_BACKOFF_MS", "400",
        "HTTP_CLIENT_BREAKER_FAILURE_RATE_THRESHOLD", "75",
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "4",
        "HTTP_CLIENT_BREAKER_WINDOW_MS", "60000",
        "HTTP_CLIENT_BREAKER_OPEN_MS", "5000"));

    assertThat(settings).isEqualTo(new ResilienceSettings(Duration.ofMillis(300), Duration.ofMillis(900),
        new RetrySettings(5, Duration.ofMillis(20), Duration.ofMillis(400)),
        new BreakerSettings(75, 4, Duration.ofMinutes(1), Duration.ofSeconds(5))));
  }

  @Test
  void invalidValuesNameTheirKey() {
    rejected("HTTP_CLIENT_DEADLINE_MS", "0", ResilienceSettings.DEADLINE_MS);
    rejected("HTTP_CLIENT_RETRY_MAX_ATTEMPTS", "0", ResilienceSettings.RETRY_MAX_ATTEMPTS);
    rejected("HTTP_CLIENT_RETRY_MAX_ATTEMPTS", "11", ResilienceSettings.RETRY_MAX_ATTEMPTS);
    rejected("HTTP_CLIENT_RETRY_MAX_ATTEMPTS", "three", ResilienceSettings.RETRY_MAX_ATTEMPTS);
    rejected("HTTP_CLIENT_RETRY_INITIAL_BACKOFF_MS", "-5", ResilienceSettings.RETRY_INITIAL_BACKOFF_MS);
    rejected("HTTP_CLIENT_RETRY_MAX_BACKOFF_MS", "10", ResilienceSettings.RETRY_MAX_BACKOFF_MS);
    rejected("HTTP_CLIENT_BREAKER_FAILURE_RATE_THRESHOLD", "0", ResilienceSettings.BREAKER_FAILURE_RATE_THRESHOLD);
    rejected("HTTP_CLIENT_BREAKER_FAILURE_RATE_THRESHOLD", "101", ResilienceSettings.BREAKER_FAILURE_RATE_THRESHOLD);
    rejected("HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "0", ResilienceSettings.BREAKER_MINIMUM_CALLS);
    rejected("HTTP_CLIENT_BREAKER_WINDOW_MS", "0", ResilienceSettings.BREAKER_WINDOW_MS);
    rejected("HTTP_CLIENT_BREAKER_OPEN_MS", "1.5", ResilienceSettings.BREAKER_OPEN_MS);
    rejected("HTTP_CLIENT_TIMEOUT_MS", "0", ResilienceSettings.TIMEOUT_MS);
  }

  @Test
  void aDeadlineShorterThanTheTimeoutCountsAsTheTimeout() {
    ResilienceSettings settings = load(Map.of("HTTP_CLIENT_TIMEOUT_MS", "10000"));

    assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.deadline()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void theRecordsRefuseInconsistentValuesToo() {
    assertThatThrownBy(() -> new RetrySettings(3, Duration.ofMillis(100), Duration.ofMillis(50)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BreakerSettings(50, 10, Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ResilienceSettings(Duration.ofSeconds(2), Duration.ofSeconds(1), RetrySettings.NONE, BreakerSettings.DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
