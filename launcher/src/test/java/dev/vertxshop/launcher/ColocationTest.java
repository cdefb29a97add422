package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColocationTest {

  @Test
  void pointsCoLocatedServicesAtEachOtherOverLocalhost() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("INVENTORY_HTTP_PORT", "9082")), Services.select(List.of("orders", "inventory")));

    assertThat(settings.serviceUrl("inventory")).isEqualTo(URI.create("http://127.0.0.1:9082"));
    assertThat(settings.serviceUrl("orders")).isEqualTo(URI.create("http://127.0.0.1:8081"));
  }

  @Test
  void leavesServicesThatRunElsewhereAtTheirKubernetesAddress() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("KUBERNETES_NAMESPACE", "shop")), Services.select(List.of("orders")));

    assertThat(settings.serviceUrl("payments")).isEqualTo(URI.create("http://payments.shop.svc.cluster.local"));
    assertThat(settings.serviceUrl("inventory")).isEqualTo(URI.create("http://inventory.shop.svc.cluster.local"));
  }

  @Test
  void keepsAServiceUrlThatIsConfigured() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("INVENTORY_SERVICE_URL", "http://stock.internal:9000")),
        Services.select(List.of("orders", "inventory")));

    assertThat(settings.serviceUrl("inventory")).isEqualTo(URI.create("http://stock.internal:9000"));
  }

  @Test
  void choosesDistinctFreePortsForPortZeroBeforeAnythingStarts() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("INVENTORY_HTTP_PORT", "0", "PAYMENTS_HTTP_PORT", "0")),
        Services.select(List.of("inventory", "payments")));

    int inventory = settings.port("inventory.http.port");
    int payments = settings.port("payments.http.port");
    assertThat(inventory).isPositive().isNotEqualTo(payments);
    assertThat(payments).isPositive();
    assertThat(settings.serviceUrl("inventory")).isEqualTo(URI.create("http://127.0.0.1:" + inventory));
    assertThat(settings.serviceUrl("payments")).isEqualTo(URI.create("http://127.0.0.1:" + payments));
  }

  @Test
  void pointsFraudsCallersAtItsGrpcPortOverLocalhostWhenItRunsHere() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("FRAUD_GRPC_PORT", "19090")), Services.select(List.of("payments", "fraud")));

    assertThat(settings.string("fraud.service-address")).isEqualTo("127.0.0.1:19090");
  }

  @Test
  void choosesAFreeGrpcPortForFraudDistinctFromItsHttpPort() {
    Settings settings = Colocation.apply(
        ConfigLoader.load(Map.of("FRAUD_GRPC_PORT", "0", "FRAUD_HTTP_PORT", "0")), Services.select(List.of("payments", "fraud")));

    int grpc = settings.port("fraud.grpc.port");
    assertThat(grpc).isPositive().isNotEqualTo(settings.port("fraud.http.port"));
    assertThat(settings.string("fraud.service-address")).isEqualTo("127.0.0.1:" + grpc);
  }

  @Test
  void leavesTheFraudAddressEmptyWhenFraudRunsElsewhereAndKeepsOneThatIsConfigured() {
    Settings elsewhere = Colocation.apply(ConfigLoader.load(Map.of()), Services.select(List.of("payments")));
    Settings configured = Colocation.apply(
        ConfigLoader.load(Map.of("FRAUD_SERVICE_ADDRESS", "fraud.internal:7000")), Services.select(List.of("payments", "fraud")));

    assertThat(elsewhere.optionalString("fraud.service-address")).isEmpty();
    assertThat(configured.string("fraud.service-address")).isEqualTo("fraud.internal:7000");
  }
}
