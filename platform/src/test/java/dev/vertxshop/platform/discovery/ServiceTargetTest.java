package dev.vertxshop.platform.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.discovery.Endpoint.Protocol;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceTargetTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close().await();
  }

  @Test
  void aConfiguredAddressWinsOverTheDirectory() {
    Directory directory = new Directory();
    directory.endpoints.add(new Endpoint("inventory", Protocol.HTTP, "http://10.0.0.5:8082", "a"));
    ServiceDirectory.install(vertx, directory);

    ServiceTarget target = ServiceTarget.resolve(vertx,
        new ServiceLocation("inventory", Protocol.HTTP, "http://stock.internal:9000", true));

    assertThat(target.next()).contains("http://stock.internal:9000");
  }

  @Test
  void withoutADirectoryTheDefaultAddressServes() {
    ServiceTarget target = ServiceTarget.resolve(vertx,
        new ServiceLocation("inventory", Protocol.HTTP, "http://inventory.shop.svc.cluster.local", false));

    assertThat(target.next()).contains("http://inventory.shop.svc.cluster.local");
    assertThat(ServiceDirectory.of(vertx)).isEmpty();
  }

  @Test
  void aDiscoveredTargetSpreadsCallsOverTheLiveEndpointsAndFollowsChanges() {
    Directory directory = new Directory();
    ServiceDirectory.install(vertx, directory);
    ServiceTarget target = ServiceTarget.resolve(vertx,
        new ServiceLocation("fraud", Protocol.GRPC, "fraud.shop.svc.cluster.local:9090", false));

    assertThat(target.next()).as("no instance known yet").isEmpty();

    directory.endpoints.add(new Endpoint("fraud", Protocol.GRPC, "10.0.0.5:9090", "a"));
    directory.endpoints.add(new Endpoint("fraud", Protocol.GRPC, "10.0.0.6:9090", "b"));
    directory.endpoints.add(new Endpoint("fraud", Protocol.HTTP, "http://10.0.0.6:8084", "b"));
    List<String> calls = IntStream.range(0, 6).mapToObj(call -> target.next().orElseThrow()).toList();
    assertThat(calls).filteredOn("10.0.0.5:9090"::equals).hasSize(3);
    assertThat(calls).filteredOn("10.0.0.6:9090"::equals).hasSize(3);

    directory.endpoints.remove(0);
    assertThat(target.next()).contains("10.0.0.6:9090");
    assertThat(target.describe()).contains("fraud");
  }

  @Test
  void anEndpointSurvivesItsJsonForm() {
    Endpoint endpoint = new Endpoint("payments", Protocol.HTTP, "http://10.0.0.7:8083", "node-1");

    assertThat(Endpoint.fromJson(endpoint.toJson())).isEqualTo(endpoint);
    assertThat(endpoint.toJson().getString("protocol")).isEqualTo("http");
  }

  /** A directory whose endpoints the test sets. */
  private static final class Directory implements ServiceDirectory {
    final List<Endpoint> endpoints = new ArrayList<>();

    @Override
    public List<Endpoint> endpoints(String service, Protocol protocol) {
      return endpoints.stream().filter(e -> e.service().equals(service) && e.protocol() == protocol).toList();
    }

    @Override
    public JsonObject describe() {
      return new JsonObject().put("clustered", true);
    }
  }
}
