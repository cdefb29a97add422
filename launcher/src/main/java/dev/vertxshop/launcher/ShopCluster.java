package dev.vertxshop.launcher;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.vertxshop.platform.discovery.Endpoint;
import dev.vertxshop.platform.discovery.ServiceDirectory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Vert.x instance that is a member of a Hazelcast cluster, with a clustered event bus: members
 * join over TCP-IP from {@link ClusterConfig#members()}, on {@link ClusterConfig#host()} only.
 * Closing the Vert.x instance leaves the cluster.
 */
public final class ShopCluster {

  private static final Logger LOG = LoggerFactory.getLogger(ShopCluster.class);
  /** How often a member that published checks that the directory still holds its endpoints. */
  static final long REASSERT_EVERY_MS = 2_000;

  private final Vertx vertx;
  private final HazelcastClusterManager manager;
  private final ClusterDirectory directory;
  private final String publicHost;
  private volatile long reasserting = -1;

  private ShopCluster(Vertx vertx, HazelcastClusterManager manager, String publicHost) {
    this.vertx = vertx;
    this.manager = manager;
    this.directory = ClusterDirectory.open(manager.getHazelcastInstance());
    this.publicHost = publicHost;
    ServiceDirectory.install(vertx, directory);
  }

  /**
   * Builds a clustered Vert.x instance from {@code options} (metrics and tracing stay as they are;
   * the event bus gets the cluster's host, public host and port) and joins the cluster. Logs the
   * membership once joined. The Vert.x instance gets the cluster's {@link ServiceDirectory}.
   */
  public static Future<ShopCluster> join(VertxOptions options, ClusterConfig cluster) {
    options.getEventBusOptions()
        .setHost(cluster.host())
        .setClusterPublicHost(cluster.publicHost())
        .setPort(cluster.eventBusPort());
    HazelcastClusterManager manager = new HazelcastClusterManager(hazelcastConfig(cluster));
    return Vertx.builder()
        .with(options)
        .withClusterManager(manager)
        .buildClustered()
        .map(vertx -> new ShopCluster(vertx, manager, cluster.publicHost()))
        .onSuccess(joined -> LOG.info("Cluster: {}", joined.describe()));
  }

  /**
   * Vert.x's own Hazelcast configuration (it declares the maps Vert.x keeps its subscriptions in),
   * joined through the member list or the Kubernetes headless Service alone: no multicast, no
   * auto-detection, so a member never wanders into another cluster on the same network. A member
   * that misses heartbeats for {@link ClusterConfig#memberTimeout()} is taken out.
   */
  static Config hazelcastConfig(ClusterConfig cluster) {
    Config config = ConfigUtil.loadConfig();
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // The default of 5 s makes every join take about 8 s instead of under 4 s.
    config.setProperty("hazelcast.wait.seconds.before.join", "1");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty("hazelcast.max.no.heartbeat.seconds", Long.toString(cluster.memberTimeout().toSeconds()));
    NetworkConfig network = config.getNetworkConfig();
    network.setPort(cluster.port()).setPortAutoIncrement(false);
    network.setPublicAddress(cluster.publicAddress());
    network.getInterfaces().setEnabled(true).setInterfaces(List.of(cluster.host()));
    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    if (cluster.join() == ClusterConfig.Join.KUBERNETES) {
      join.getKubernetesConfig().setEnabled(true)
          .setProperty("service-dns", cluster.kubernetesServiceDns())
          .setProperty("service-port", Integer.toString(cluster.port()));
      return config;
    }
    List<String> members = new ArrayList<>(cluster.members());
    members.add(cluster.publicAddress());
    join.getTcpIpConfig().setEnabled(true).setMembers(members);
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  /** This member's id, the one Vert.x uses for it on the event bus. */
  public String nodeId() {
    return manager.getNodeId();
  }

  /** This member's Hazelcast instance. */
  HazelcastInstance hazelcast() {
    return manager.getHazelcastInstance();
  }

  /** The endpoints of the services across the cluster. */
  ServiceDirectory directory() {
    return directory;
  }

  /**
   * Publishes the endpoints of {@code services}, running in this member and ready: their HTTP APIs
   * and, for fraud, its gRPC API, at the address the other members reach this one; from then on,
   * puts back any of them the directory loses ({@link ClusterDirectory#reassert()}).
   */
  void publish(Map<String, Integer> httpPorts, Map<String, Integer> grpcPorts) {
    List<Endpoint> endpoints = new ArrayList<>();
    httpPorts.forEach((service, port) ->
        endpoints.add(new Endpoint(service, Endpoint.Protocol.HTTP, "http://" + publicHost + ":" + port, nodeId())));
    grpcPorts.forEach((service, port) ->
        endpoints.add(new Endpoint(service, Endpoint.Protocol.GRPC, publicHost + ":" + port, nodeId())));
    directory.publish(endpoints);
    if (reasserting < 0) {
      reasserting = vertx.setPeriodic(REASSERT_EVERY_MS, tick -> directory.reassert());
    }
  }

  /** Withdraws this member's endpoints, first thing when it stops. */
  void withdraw() {
    if (reasserting >= 0) {
      vertx.cancelTimer(reasserting);
      reasserting = -1;
    }
    directory.withdraw();
  }

  /** The ids of the cluster's current members, this one included. */
  public List<String> nodes() {
    return manager.isActive() ? manager.getNodes() : List.of();
  }

  /** {@code member <id> of N at host:port, members [host:port, ...]}, for the log. */
  public String describe() {
    if (!manager.isActive()) {
      return "member " + nodeId() + ", no longer in the cluster";
    }
    var hazelcast = manager.getHazelcastInstance().getCluster();
    List<String> addresses = hazelcast.getMembers().stream().map(ShopCluster::address).toList();
    return "member " + nodeId() + " of " + addresses.size() + " at " + address(hazelcast.getLocalMember())
        + ", members " + addresses;
  }

  private static String address(Member member) {
    return member.getAddress().getHost() + ":" + member.getAddress().getPort();
  }
}
