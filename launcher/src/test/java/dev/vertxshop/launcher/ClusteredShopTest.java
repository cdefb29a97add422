package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import dev.vertxshop.launcher.dashboard.Dashboard;
import dev.vertxshop.launcher.dashboard.DashboardSettings;
import dev.vertxshop.launcher.dashboard.EventStream;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.discovery.DiscoveryEndpoint;
import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceDirectory;
import dev.vertxshop.platform.discovery.ServiceTarget;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Clustered mode: two shops in this JVM join one Hazelcast cluster on loopback and share the event bus. */
class ClusteredShopTest {

  private static final long START_TIMEOUT_SECONDS = 30;

  @Test
  void twoClusteredShopsSeeEachOtherAnswerEachOthersRequestsAndNoticeALeavingMember() throws Exception {
    List<Integer> hazelcastPorts = FreePorts.pick(2);
    int first = hazelcastPorts.get(0);
    int second = hazelcastPorts.get(1);

    RunningShop one = startFraudAlone(first, second);
    RunningShop two = null;
    try {
      long joining = System.nanoTime();
      two = startFraudAlone(second, first);
      System.out.printf("Second member started and joined in %d ms%n", (System.nanoTime() - joining) / 1_000_000);
      ShopCluster oneCluster = one.cluster().orElseThrow();
      ShopCluster twoCluster = two.cluster().orElseThrow();

      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(oneCluster.nodes()).containsExactlyInAnyOrder(oneCluster.nodeId(), twoCluster.nodeId());
        assertThat(twoCluster.nodes()).containsExactlyInAnyOrder(oneCluster.nodeId(), twoCluster.nodeId());
      });
      assertThat(twoCluster.describe()).startsWith("member " + twoCluster.nodeId() + " of 2 at 127.0.0.1:" + second);

      String address = "cluster-test." + UUID.randomUUID();
      MessageConsumer<String> consumer = two.vertx().eventBus()
          .<String>consumer(address, message -> message.reply("pong from " + twoCluster.nodeId()));
      consumer.completion().await(10, TimeUnit.SECONDS);
      String reply = one.vertx().eventBus().<String>request(address, "ping")
          .map(message -> message.body())
          .await(10, TimeUnit.SECONDS);
      assertThat(reply).isEqualTo("pong from " + twoCluster.nodeId());

      one.close().await(30, TimeUnit.SECONDS);
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(15))
          .untilAsserted(() -> assertThat(twoCluster.nodes()).containsExactly(twoCluster.nodeId()));
      assertThat(oneCluster.nodes()).as("the closed shop left the cluster").isEmpty();
    } finally {
      one.close().await(30, TimeUnit.SECONDS);
      if (two != null) {
        two.close().await(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void membersPublishTheirEndpointsCallsAreSpreadAndAMembersEndpointsGoWithIt() throws Exception {
    try (TwoMembers members = TwoMembers.start()) {
      RunningShop one = members.one();
      RunningShop two = members.two();
      ServiceDirectory directory = ServiceDirectory.of(one.vertx()).orElseThrow();
      String oneGrpc = "127.0.0.1:" + grpcPort(one);
      String twoGrpc = "127.0.0.1:" + grpcPort(two);
      String twoHttp = "http://127.0.0.1:" + two.port("fraud");

      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(directory.endpoints("fraud", Endpoint.Protocol.GRPC)).extracting(Endpoint::address)
            .containsExactlyInAnyOrder(oneGrpc, twoGrpc);
        assertThat(directory.endpoints("fraud", Endpoint.Protocol.HTTP)).extracting(Endpoint::address)
            .containsExactlyInAnyOrder("http://127.0.0.1:" + one.port("fraud"), twoHttp);
      });
      ServiceTarget target = ServiceTarget.discovered(directory, "fraud", Endpoint.Protocol.GRPC);
      List<String> calls = IntStream.range(0, 10).mapToObj(call -> target.next().orElseThrow()).toList();
      assertThat(calls).as("calls alternate between the two instances")
          .containsOnly(oneGrpc, twoGrpc)
          .filteredOn(oneGrpc::equals).hasSize(5);

      JsonObject seen = new JsonObject(Http.get(one.url("fraud").resolve(DiscoveryEndpoint.PATH)).body());
      assertThat(seen.getBoolean("clustered")).isTrue();
      assertThat(seen.getJsonArray("members")).hasSize(2);
      assertThat(seen.getJsonArray("endpoints").stream().map(entry -> ((JsonObject) entry).getString("address")))
          .contains(twoHttp, twoGrpc);

      two.close().await(30, TimeUnit.SECONDS);
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(directory.endpoints("fraud", Endpoint.Protocol.GRPC)).extracting(Endpoint::address)
              .containsExactly(oneGrpc));
      assertThat(target.next()).contains(oneGrpc);
    }
  }

  @Test
  void theEndpointsOfAMemberThatDiesVanishOnceTheClusterNoticesItsAbsence() throws Exception {
    try (TwoMembers members = TwoMembers.start()) {
      RunningShop one = members.one();
      RunningShop two = members.two();
      ServiceDirectory directory = ServiceDirectory.of(one.vertx()).orElseThrow();
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10))
          .until(() -> directory.endpoints("fraud", Endpoint.Protocol.HTTP).size() == 2);

      // No goodbye: the member's Hazelcast instance stops as if its process had died.
      long died = System.nanoTime();
      two.cluster().orElseThrow().hazelcast().getLifecycleService().terminate();
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThat(directory.endpoints("fraud", Endpoint.Protocol.HTTP)).extracting(Endpoint::address)
              .containsExactly("http://127.0.0.1:" + one.port("fraud")));
      System.out.printf("The dead member's endpoints vanished after %d ms%n", (System.nanoTime() - died) / 1_000_000);
    }
  }

  @Test
  void aShopIsNotClusteredByDefault() throws Exception {
    Map<String, String> env = Map.of("FRAUD_HTTP_PORT", "0", "FRAUD_GRPC_PORT", "0");
    RunningShop shop = Shop.start(ConfigLoader.load(env), Set.of("fraud")).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    try {
      assertThat(shop.cluster()).isEmpty();
      assertThat(shop.vertx().isClustered()).isFalse();
    } finally {
      shop.close().await(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void clusterFlagAndEnvironmentTurnClusteredModeOn() {
    assertThat(parse(Map.of()).settings().bool("cluster.enabled")).isFalse();
    assertThat(parse(Map.of(), "--cluster").settings().bool("cluster.enabled")).isTrue();
    assertThat(parse(Map.of("CLUSTER_ENABLED", "true")).settings().bool("cluster.enabled")).isTrue();
  }

  @Test
  void readsTheMemberListAndUsesTheHostWhenNoPublicHostIsSet() {
    ClusterConfig cluster = ClusterConfig.from(ConfigLoader.load(Map.of(
        "CLUSTER_MEMBERS", " 10.0.0.7:5701, 10.0.0.8 ,", "CLUSTER_HOST", "10.0.0.6", "CLUSTER_PORT", "5801")));

    assertThat(cluster.enabled()).isFalse();
    assertThat(cluster.members()).containsExactly("10.0.0.7:5701", "10.0.0.8");
    assertThat(cluster.publicHost()).isEqualTo("10.0.0.6");
    assertThat(cluster.publicAddress()).isEqualTo("10.0.0.6:5801");
    assertThat(cluster.eventBusPort()).isZero();
    assertThat(ClusterConfig.from(ConfigLoader.load(Map.of("CLUSTER_PUBLIC_HOST", "shop-0.shop"))).publicHost())
        .isEqualTo("shop-0.shop");
  }

  @Test
  void rejectsAMemberThatIsNotHostAndPortNamingTheKey() {
    assertThatThrownBy(() -> ClusterConfig.from(ConfigLoader.load(Map.of("CLUSTER_MEMBERS", "10.0.0.7:shop"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.members")
        .hasMessageContaining("CLUSTER_MEMBERS");
  }

  @Test
  void joinsOnlyThroughTheMemberListPlusItselfOnTheConfiguredInterface() {
    ClusterConfig cluster = ClusterConfig.from(ConfigLoader.load(Map.of(
        "CLUSTER_MEMBERS", "10.0.0.7:5701", "CLUSTER_HOST", "10.0.0.6", "CLUSTER_PORT", "5801")));

    Config config = ShopCluster.hazelcastConfig(cluster);

    assertThat(config.getNetworkConfig().getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getJoin().getTcpIpConfig().getMembers())
        .containsExactlyInAnyOrder("10.0.0.7:5701", "10.0.0.6:5801");
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces()).containsExactly("10.0.0.6");
    assertThat(config.getNetworkConfig().getPort()).isEqualTo(5801);
    assertThat(config.getNetworkConfig().isPortAutoIncrement()).isFalse();
    assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
    assertThat(config.getMapConfigs()).as("Vert.x's own maps are kept").isNotEmpty();
  }

  @Test
  void aMemberPutsBackTheEndpointsTheDirectoryLost() throws Exception {
    try (TwoMembers members = TwoMembers.start()) {
      ShopCluster two = members.two().cluster().orElseThrow();
      ServiceDirectory seenByTwo = ServiceDirectory.of(members.two().vertx()).orElseThrow();
      String oneGrpc = "127.0.0.1:" + grpcPort(members.one());
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(seenByTwo.endpoints("fraud", Endpoint.Protocol.GRPC)).extracting(Endpoint::address).contains(oneGrpc));

      // The map loses member one's record (as a replicated map can while a member's copy is filled).
      var records = two.hazelcast().<String, String>getReplicatedMap(ClusterDirectory.MAP);
      String oneNode = seenByTwo.endpoints("fraud", Endpoint.Protocol.GRPC).stream()
          .filter(endpoint -> endpoint.address().equals(oneGrpc)).findFirst().orElseThrow().node();
      String lost = records.keySet().stream().filter(key -> key.startsWith(oneNode + "|fraud|grpc|")).findFirst().orElseThrow();
      records.remove(lost);

      // Member one notices within its next check and publishes it again; every member sees it back.
      await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(records.containsKey(lost)).isTrue();
        assertThat(seenByTwo.endpoints("fraud", Endpoint.Protocol.GRPC)).extracting(Endpoint::address).contains(oneGrpc);
      });
    }
  }

  @Test
  void theDashboardOfEitherMemberShowsTheServicesOfEveryMember() throws Exception {
    try (TwoMembers members = TwoMembers.start()) {
      DashboardSettings anyPort = new DashboardSettings(true, "127.0.0.1", 0);
      Dashboard one = Dashboard.start(members.one(), anyPort).await(10, TimeUnit.SECONDS);
      Dashboard two = Dashboard.start(members.two(), anyPort).await(10, TimeUnit.SECONDS);
      String oneMember = "member " + members.one().cluster().orElseThrow().nodeId();
      String twoMember = "member " + members.two().cluster().orElseThrow().nodeId();
      try (EventStream stream = new EventStream(two.port())) {
        await().pollDelay(Duration.ZERO).atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
          assertThat(stream.snapshots()).isNotEmpty();
          JsonObject latest = stream.snapshots().get(stream.snapshots().size() - 1);
          assertThat(latest.getString("member")).isEqualTo("cluster of 2");
          assertThat(latest.getJsonArray("members").stream().map(member -> ((JsonObject) member).getString("member")))
              .containsExactlyInAnyOrder(oneMember, twoMember);
          assertThat(latest.getJsonArray("services").stream().map(service -> (JsonObject) service))
              .extracting(service -> service.getString("name") + " " + service.getString("member") + " " + service.getBoolean("ready"))
              .containsExactlyInAnyOrder("fraud " + oneMember + " true", "fraud " + twoMember + " true");
        });
      } finally {
        one.close().await(10, TimeUnit.SECONDS);
        two.close().await(10, TimeUnit.SECONDS);
      }
    }
  }

  /** Two shops running fraud alone, each listing the other as its member; closing stops both. */
  private record TwoMembers(RunningShop one, RunningShop two) implements AutoCloseable {

    static TwoMembers start() throws Exception {
      List<Integer> hazelcastPorts = FreePorts.pick(2);
      RunningShop one = startFraudAlone(hazelcastPorts.get(0), hazelcastPorts.get(1));
      try {
        return new TwoMembers(one, startFraudAlone(hazelcastPorts.get(1), hazelcastPorts.get(0)));
      } catch (Exception e) {
        one.close().await(30, TimeUnit.SECONDS);
        throw e;
      }
    }

    @Override
    public void close() throws Exception {
      one.close().await(30, TimeUnit.SECONDS);
      two.close().await(30, TimeUnit.SECONDS);
    }
  }

  private static int grpcPort(RunningShop shop) {
    return shop.settings().port("fraud.grpc.port");
  }

  private static RunningShop startFraudAlone(int hazelcastPort, int otherMemberPort) throws Exception {
    Map<String, String> env = new HashMap<>(Map.of(
        "FRAUD_HTTP_PORT", "0",
        "FRAUD_GRPC_PORT", "0",
        "CLUSTER_HOST", "127.0.0.1",
        "CLUSTER_PORT", Integer.toString(hazelcastPort),
        "CLUSTER_MEMBERS", "127.0.0.1:" + otherMemberPort));
    // Http sends tokens of the test identity provider (GET /admin/discovery needs the admin grant).
    env.putAll(TestTokens.env());
    Main main = parse(env, "--cluster", "--services", "fraud");
    return Shop.start(main.settings(), main.selectedServices()).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static Main parse(Map<String, String> env, String... args) {
    CommandLine commandLine = Main.commandLine(env, System.currentTimeMillis());
    commandLine.parseArgs(args);
    return commandLine.getCommand();
  }
}
