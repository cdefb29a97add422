package dev.vertxshop.fraud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.fraud.domain.RulesSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FraudConfigTest {

  /** The repository's configuration, laid over the packaged defaults as an operator's file would be. */
  private static final Path REPOSITORY_CONFIG = Path.of("..", "conf", "application.yaml").toAbsolutePath().normalize();

  private static FraudConfig load(Map<String, String> env) {
    assertThat(REPOSITORY_CONFIG).exists();
    Map<String, String> merged = new HashMap<>(TestTokens.env());
    merged.putAll(env);
    merged.put(ConfigLoader.CONFIG_FILE_ENV, REPOSITORY_CONFIG.toString());
    return FraudConfig.from(ConfigLoader.load(merged));
  }

  @Test
  void theRepositoryConfigurationHoldsTheDefaults() throws Exception {
    FraudConfig config = load(Map.of());

    assertThat(Files.readString(REPOSITORY_CONFIG)).contains("fraud-threshold:", "max-users:");
    assertThat(config.grpcPort()).isEqualTo(9090);
    assertThat(config.httpPort()).isEqualTo(8084);
    assertThat(config.rules()).isEqualTo(RulesSettings.defaults());
  }

  @Test
  void takesTheDefaultsForKeysMissingFromTheConfiguration() {
    FraudConfig config = FraudConfig.from(ConfigLoader.load(TestTokens.env()).with("fraud.rules", new JsonObject()));

    assertThat(config.rules()).isEqualTo(RulesSettings.defaults());
  }

  @Test
  void readsEveryRuleFromTheEnvironment() {
    FraudConfig config = load(Map.ofEntries(
        Map.entry("FRAUD_GRPC_PORT", "9999"),
        Map.entry("FRAUD_RULES_FRAUD_THRESHOLD", "0.9"),
        Map.entry("FRAUD_RULES_HIGH_AMOUNT_CENTS", "2000"),
        Map.entry("FRAUD_RULES_HIGH_AMOUNT_WEIGHT", "0.1"),
        Map.entry("FRAUD_RULES_VERY_HIGH_AMOUNT_CENTS", "3000"),
        Map.entry("FRAUD_RULES_VERY_HIGH_AMOUNT_WEIGHT", "0.6"),
        Map.entry("FRAUD_RULES_VELOCITY_WINDOW_MS", "30000"),
        Map.entry("FRAUD_RULES_VELOCITY_MAX_COUNT", "3"),
        Map.entry("FRAUD_RULES_VELOCITY_COUNT_WEIGHT", "0.45"),
        Map.entry("FRAUD_RULES_VELOCITY_MAX_AMOUNT_CENTS", "9000"),
        Map.entry("FRAUD_RULES_VELOCITY_AMOUNT_WEIGHT", "0.35"),
        Map.entry("FRAUD_RULES_COUNTRY_CHANGE_WINDOW_MS", "3600000"),
        Map.entry("FRAUD_RULES_COUNTRY_CHANGE_WEIGHT", "0"),
        Map.entry("FRAUD_RULES_BLOCKED_MERCHANTS_IDS", " evil-shop, ,other-shop "),
        Map.entry("FRAUD_RULES_BLOCKED_MERCHANTS_WEIGHT", "0.95"),
        Map.entry("FRAUD_RULES_MAX_USERS", "500"),
        Map.entry("FRAUD_RULES_MAX_EVENTS_PER_USER", "8")));

    assertThat(config.grpcPort()).isEqualTo(9999);
    assertThat(config.rules()).isEqualTo(new RulesSettings(2000, 0.1, 3000, 0.6, Duration.ofSeconds(30), 3, 0.45,
        9000, 0.35, Duration.ofHours(1), 0, Set.of("evil-shop", "other-shop"), 0.95, 0.9, 500, 8));
  }

  @Test
  void rejectsAWeightAboveOneNamingTheKey() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_RULES_HIGH_AMOUNT_WEIGHT", "1.5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.rules.high-amount.weight")
        .hasMessageContaining("FRAUD_RULES_HIGH_AMOUNT_WEIGHT")
        .hasMessageContaining("outside 0..1");
  }

  @Test
  void rejectsCentsThatAreNotAWholeNumber() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_RULES_VELOCITY_MAX_AMOUNT_CENTS", "12.50")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.rules.velocity.max-amount-cents")
        .hasMessageContaining("not a whole number");
  }

  @Test
  void rejectsAVeryHighAmountBelowTheHighAmount() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_RULES_VERY_HIGH_AMOUNT_CENTS", "5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.rules.very-high-amount.cents")
        .hasMessageContaining("below fraud.rules.high-amount.cents");
  }

  @Test
  void rejectsAFraudThresholdOfZero() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_RULES_FRAUD_THRESHOLD", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.rules.fraud-threshold");
  }

  @Test
  void rejectsAVelocityWindowOfZero() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_RULES_VELOCITY_WINDOW_MS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.rules.velocity.window-ms");
  }

  @Test
  void rejectsTheSamePortForGrpcAndHttp() {
    assertThatThrownBy(() -> load(Map.of("FRAUD_GRPC_PORT", "8084")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("fraud.grpc.port")
        .hasMessageContaining("also fraud.http.port");
  }
}
