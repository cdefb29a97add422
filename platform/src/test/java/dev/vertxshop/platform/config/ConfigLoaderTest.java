package dev.vertxshop.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @Test
  void defaultsComeFromTheBundledApplicationYaml() {
    Settings settings = ConfigLoader.load(Map.of());
    assertThat(settings.port("orders.http.port")).isEqualTo(8081);
    assertThat(settings.port("inventory.http.port")).isEqualTo(8082);
    assertThat(settings.millis("http.client.timeout-ms")).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.optionalString("pg.host")).isEmpty();
  }

  @Test
  void environmentVariablesOverrideKeysByTheirPath() {
    Settings settings = ConfigLoader.load(Map.of("ORDERS_HTTP_PORT", "9001", "PG_POOL_SIZE", "3", "PG_HOST", "db.internal"));
    assertThat(settings.port("orders.http.port")).isEqualTo(9001);
    assertThat(settings.integer("pg.pool-size", 1, 100)).isEqualTo(3);
    assertThat(settings.string("pg.host")).isEqualTo("db.internal");
  }

  @Test
  void anOverrideFileIsLaidOverTheDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("override.yaml");
    Files.writeString(file, "orders:\n  http:\n    port: 7000\n");
    Settings settings = ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE_ENV, file.toString()));
    assertThat(settings.port("orders.http.port")).isEqualTo(7000);
    assertThat(settings.port("inventory.http.port")).isEqualTo(8082);
  }

  @Test
  void theEnvironmentWinsOverTheOverrideFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("override.yaml");
    Files.writeString(file, "orders:\n  http:\n    port: 7000\n");
    Settings settings = ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE_ENV, file.toString(), "ORDERS_HTTP_PORT", "7001"));
    assertThat(settings.port("orders.http.port")).isEqualTo(7001);
  }

  @Test
  void aMissingOverrideFileIsAConfigurationError() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of(ConfigLoader.CONFIG_FILE_ENV, "/nonexistent/shop.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("/nonexistent/shop.yaml")
        .hasMessageContaining("SHOP_CONFIG_FILE");
  }

  @Test
  void invalidValuesNameTheirKeyAndVariable() {
    Settings settings = ConfigLoader.load(Map.of("ORDERS_HTTP_PORT", "eighty"));
    assertThatThrownBy(() -> settings.port("orders.http.port"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("orders.http.port")
        .hasMessageContaining("ORDERS_HTTP_PORT")
        .hasMessageContaining("eighty");
    Settings outOfRange = ConfigLoader.load(Map.of("ORDERS_HTTP_PORT", "70000"));
    assertThatThrownBy(() -> outOfRange.port("orders.http.port")).hasMessageContaining("outside");
  }

  @Test
  void serviceUrlsDefaultToKubernetesNamesUnlessConfigured() {
    Settings defaults = ConfigLoader.load(Map.of("KUBERNETES_NAMESPACE", "shop"));
    assertThat(defaults.serviceUrl("inventory")).isEqualTo(URI.create("http://inventory.shop.svc.cluster.local"));
    Settings configured = ConfigLoader.load(Map.of("INVENTORY_SERVICE_URL", "http://10.1.2.3:8082/"));
    assertThat(configured.serviceUrl("inventory")).isEqualTo(URI.create("http://10.1.2.3:8082"));
    Settings invalid = ConfigLoader.load(Map.of("PAYMENTS_SERVICE_URL", "ftp://x"));
    assertThatThrownBy(() -> invalid.serviceUrl("payments")).hasMessageContaining("payments.service-url");
    assertThat(defaults.serviceLocation("inventory").configured()).isFalse();
    assertThat(configured.serviceLocation("inventory").configured()).isTrue();
    assertThat(configured.serviceLocation("inventory").address()).isEqualTo("http://10.1.2.3:8082");
  }

  @Test
  void withReturnsAChangedCopy() {
    Settings settings = ConfigLoader.load(Map.of());
    Settings changed = settings.with("pg.host", "127.0.0.1");
    assertThat(changed.string("pg.host")).isEqualTo("127.0.0.1");
    assertThat(settings.optionalString("pg.host")).isEmpty();
  }

  @Test
  void booleansAcceptTheUsualSpellings() {
    assertThat(ConfigLoader.load(Map.of("INVENTORY_DEMO_CATALOGUE", "off")).bool("inventory.demo-catalogue")).isFalse();
    assertThat(ConfigLoader.load(Map.of()).bool("inventory.demo-catalogue")).isTrue();
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("INVENTORY_DEMO_CATALOGUE", "maybe")).bool("inventory.demo-catalogue"))
        .hasMessageContaining("inventory.demo-catalogue");
  }

  @Test
  void aKeyCanBeReadFromTheFileItsFileVariableNames(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("pg-password");
    Files.writeString(secret, "s3cr3t with spaces\n");
    Settings settings = ConfigLoader.load(Map.of("PG_PASSWORD_FILE", secret.toString()));
    assertThat(settings.string("pg.password")).isEqualTo("s3cr3t with spaces");
    Settings besideAnEmptyVariable = ConfigLoader.load(Map.of("PG_PASSWORD_FILE", secret.toString(), "PG_PASSWORD", ""));
    assertThat(besideAnEmptyVariable.string("pg.password")).isEqualTo("s3cr3t with spaces");
  }

  @Test
  void aKeyGivenBothWaysOrAnUnreadableFileIsAConfigurationError(@TempDir Path dir) throws IOException {
    Path secret = dir.resolve("pg-password");
    Files.writeString(secret, "from-file");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PG_PASSWORD_FILE", secret.toString(), "PG_PASSWORD", "from-env")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pg.password")
        .hasMessageContaining("PG_PASSWORD_FILE")
        .hasMessageNotContaining("from-env")
        .hasMessageNotContaining("from-file");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PG_PASSWORD_FILE", dir.resolve("missing").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PG_PASSWORD_FILE")
        .hasMessageContaining("missing");
  }
}
