package dev.vertxshop.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InventoryConfigTest {

  private static final Map<String, String> DATABASE = Map.of("PG_HOST", "db.internal", "PG_DATABASE", "shop");

  @Test
  void readsTheDefaults() {
    InventoryConfig config = InventoryConfig.from(ConfigLoader.load(DATABASE));

    assertThat(config.httpPort()).isEqualTo(8082);
    assertThat(config.bodyLimitBytes()).isEqualTo(65536);
    assertThat(config.demoCatalogue()).isTrue();
    assertThat(config.pg().host()).isEqualTo("db.internal");
    assertThat(config.pg().database()).isEqualTo("shop");
  }

  @Test
  void takesOverridesFromTheEnvironment() {
    InventoryConfig config = InventoryConfig.from(ConfigLoader.load(env(
        "INVENTORY_HTTP_PORT", "9082", "HTTP_BODY_LIMIT_BYTES", "4096", "INVENTORY_DEMO_CATALOGUE", "false",
        "PG_URL", "postgresql://shop:secret@pg.example:6543/inventory")));

    assertThat(config.httpPort()).isEqualTo(9082);
    assertThat(config.bodyLimitBytes()).isEqualTo(4096);
    assertThat(config.demoCatalogue()).isFalse();
    assertThat(config.pg().host()).isEqualTo("pg.example");
    assertThat(config.pg().port()).isEqualTo(6543);
    assertThat(config.pg().database()).isEqualTo("inventory");
  }

  @Test
  void requiresADatabaseServer() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(Map.of())))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("pg.host"));
  }

  @Test
  void namesTheKeyOfAnInvalidPort() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("INVENTORY_HTTP_PORT", "70000"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("inventory.http.port"));
  }

  @Test
  void namesTheKeyOfAnInvalidBodyLimit() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("HTTP_BODY_LIMIT_BYTES", "12"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("http.body-limit-bytes"));
  }

  @Test
  void namesTheKeyOfAnInvalidDemoFlag() {
    assertThatThrownBy(() -> InventoryConfig.from(ConfigLoader.load(env("INVENTORY_DEMO_CATALOGUE", "sometimes"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("inventory.demo-catalogue"));
  }

  private static Map<String, String> env(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(DATABASE);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      env.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return env;
  }
}
