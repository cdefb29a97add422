package dev.vertxshop.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentsConfigTest {

  private static PaymentsConfig configWith(Map<String, String> env) {
    return PaymentsConfig.from(ConfigLoader.load(env));
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
}
