package dev.vertxshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.payments.domain.FraudPolicy;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.platform.resilience.BreakerSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentsConfigTest {

  private static PaymentsConfig configWith(Map<String, String> env) {
    Map<String, String> withKeys = new HashMap<>(TestTokens.env());
    withKeys.putAll(env);
    return PaymentsConfig.from(ConfigLoader.load(withKeys));
  }

  private static Map<String, String> withDatabase(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("PG_HOST", "db.internal", "PG_DATABASE", "shop"));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void usesTheDefaultsOfTheSharedConfiguration() {
    PaymentsConfig config = configWith(withDatabase());

    assertThat(config.httpPort()).isEqualTo(8083);
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.pg().host()).isEqualTo("db.internal");
    assertThat(config.pg().database()).isEqualTo("shop");
  }

  @Test
  void takesOverridesFromTheEnvironment() {
    PaymentsConfig config = configWith(withDatabase("PAYMENTS_HTTP_PORT", "9183", "HTTP_BODY_LIMIT_BYTES", "4096"));

    assertThat(config.httpPort()).isEqualTo(9183);
    assertThat(config.bodyLimitBytes()).isEqualTo(4096);
  }

  @Test
  void readsTheServerFromAUrl() {
    PaymentsConfig config = configWith(Map.of("PG_URL", "postgresql://pay:secret@pg.example:6543/payments"));

    assertThat(config.pg().host()).isEqualTo("pg.example");
    assertThat(config.pg().port()).isEqualTo(6543);
    assertThat(config.pg().user()).isEqualTo("pay");
  }

  @Test
  void refusesToStartWithoutADatabaseNamingPgHost() {
    assertThatThrownBy(() -> configWith(Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("pg.host"));
  }

  @Test
  void rejectsAPortThatIsNotOneNamingTheKey() {
    assertThatThrownBy(() -> configWith(withDatabase("PAYMENTS_HTTP_PORT", "http")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("payments.http.port"));
    assertThatThrownBy(() -> configWith(withDatabase("PAYMENTS_HTTP_PORT", "70000")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("payments.http.port"));
  }

  @Test
  void rejectsABodyLimitTooSmallForAChargeRequest() {
    assertThatThrownBy(() -> configWith(withDatabase("HTTP_BODY_LIMIT_BYTES", "100")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.body-limit-bytes"));
  }

  @Test
  void screensWithTheFraudServiceOfTheNamespaceFailingOpenBelowTenThousandCentsByDefault() {
    FraudSettings fraud = configWith(withDatabase("KUBERNETES_NAMESPACE", "shop")).fraud();

    assertThat(fraud.address()).isEqualTo("fraud.shop.svc.cluster.local:9090");
    assertThat(fraud.deadline()).isEqualTo(Duration.ofMillis(200));
    assertThat(fraud.policy()).isEqualTo(FraudPolicy.failOpenBelow(Money.ofCents(10_000)));
    assertThat(fraud.merchantId()).isEqualTo("vertx-shop");
    assertThat(fraud.defaultCountry()).isEqualTo("DE");
    assertThat(fraud.breaker()).isEqualTo(BreakerSettings.DEFAULTS);
  }

  @Test
  void takesTheFraudSettingsFromTheEnvironment() {
    FraudSettings fraud = configWith(withDatabase(
        "FRAUD_SERVICE_ADDRESS", "127.0.0.1:19090",
        "PAYMENTS_FRAUD_DEADLINE_MS", "75",
        "PAYMENTS_FRAUD_POLICY", "fail-closed",
        "PAYMENTS_MERCHANT_ID", "shop-7",
        "PAYMENTS_DEFAULT_COUNTRY", "AT",
        "HTTP_CLIENT_BREAKER_MINIMUM_CALLS", "4")).fraud();

    assertThat(fraud.host()).isEqualTo("127.0.0.1");
    assertThat(fraud.port()).isEqualTo(19090);
    assertThat(fraud.deadline()).isEqualTo(Duration.ofMillis(75));
    assertThat(fraud.policy().mode()).isEqualTo(FraudPolicy.Mode.FAIL_CLOSED);
    assertThat(fraud.merchantId()).isEqualTo("shop-7");
    assertThat(fraud.defaultCountry()).isEqualTo("AT");
    assertThat(fraud.breaker().minimumCalls()).isEqualTo(4);
  }

  @Test
  void aFailOpenLimitOfZeroLetsNothingThrough() {
    FraudPolicy policy = configWith(withDatabase("PAYMENTS_FRAUD_FAIL_OPEN_LIMIT_CENTS", "0")).fraud().policy();

    assertThat(policy.letsThroughUnscreened(Money.ofCents(1))).isFalse();
  }

  @ParameterizedTest(name = "{0}={1} is refused naming {2}")
  @CsvSource(delimiter = '|', value = {
      "FRAUD_SERVICE_ADDRESS | fraud.internal | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | fraud.internal: | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | :9090 | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | fraud.internal:grpc | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | fraud.internal:0 | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | fraud.internal:70000 | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | http://fraud:9090 | fraud.service-address",
      "FRAUD_SERVICE_ADDRESS | fra ud:9090 | fraud.service-address",
      "PAYMENTS_FRAUD_DEADLINE_MS | 0 | payments.fraud.deadline-ms",
      "PAYMENTS_FRAUD_DEADLINE_MS | 60001 | payments.fraud.deadline-ms",
      "PAYMENTS_FRAUD_DEADLINE_MS | soon | payments.fraud.deadline-ms",
      "PAYMENTS_FRAUD_POLICY | fail-sometimes | payments.fraud.policy",
      "PAYMENTS_FRAUD_POLICY | ' ' | payments.fraud.policy",
      "PAYMENTS_FRAUD_FAIL_OPEN_LIMIT_CENTS | -1 | payments.fraud.fail-open-limit-cents",
      "PAYMENTS_FRAUD_FAIL_OPEN_LIMIT_CENTS | ten | payments.fraud.fail-open-limit-cents",
      "PAYMENTS_MERCHANT_ID | ' ' | payments.merchant-id",
      "PAYMENTS_DEFAULT_COUNTRY | de | payments.default-country",
      "PAYMENTS_DEFAULT_COUNTRY | DEU | payments.default-country",
      "HTTP_CLIENT_BREAKER_FAILURE_RATE_THRESHOLD | 0 | http.client.breaker.failure-rate-threshold"})
  void refusesAnInvalidFraudSettingNamingItsKey(String variable, String value, String key) {
    assertThatThrownBy(() -> configWith(withDatabase(variable, value)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key));
  }

  @Test
  void needsANamespaceForTheDefaultFraudAddress() {
    assertThatThrownBy(() -> configWith(withDatabase("KUBERNETES_NAMESPACE", "")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kubernetes.namespace"));
    assertThat(configWith(withDatabase("KUBERNETES_NAMESPACE", "", "FRAUD_SERVICE_ADDRESS", "fraud:9090")).fraud().address())
        .isEqualTo("fraud:9090");
  }
}
