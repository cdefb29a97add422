package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code cluster.*} keys: whether this JVM joins a Hazelcast cluster, which members it joins
 * over TCP-IP, and the addresses and ports Hazelcast and the clustered event bus use.
 *
 * @param enabled whether to run clustered ({@code cluster.enabled}, or {@code --cluster})
 * @param members the other members, {@code host[:port]} each ({@code cluster.members}, comma-separated)
 * @param host the IP address Hazelcast and the event bus bind to ({@code cluster.host})
 * @param publicHost the address other members use to reach this one ({@code cluster.public-host}; empty: host)
 * @param port Hazelcast's TCP port ({@code cluster.port})
 * @param eventBusPort the event bus's TCP port, 0 for any free one ({@code cluster.event-bus-port})
 * @param join how members find each other ({@code cluster.join}: {@code tcp-ip} or {@code kubernetes})
 * @param kubernetesServiceDns the headless Service whose pods are the members, with {@link
 *     Join#KUBERNETES} ({@code cluster.kubernetes.service-dns})
 * @param memberTimeout how long a silent member stays in the cluster ({@code cluster.member-timeout-ms},
 *     whole seconds, at least 1 s)
 */
public record ClusterConfig(
    boolean enabled, List<String> members, String host, String publicHost, int port, int eventBusPort,
    Join join, String kubernetesServiceDns, Duration memberTimeout) {

  /** How the members of the cluster find each other. */
  public enum Join {
    /** Through {@code cluster.members}. */
    TCP_IP,
    /** Through the DNS records of a headless Kubernetes Service: one per ready pod. */
    KUBERNETES
  }

  public ClusterConfig {
    members = List.copyOf(members);
  }

  /** Reads and checks the {@code cluster.*} keys; a bad value names its key. */
  public static ClusterConfig from(Settings settings) {
    String host = settings.string("cluster.host");
    List<String> members = Arrays.stream(settings.optionalString("cluster.members").orElse("").split(","))
        .map(String::trim)
        .filter(member -> !member.isEmpty())
        .toList();
    members.forEach(ClusterConfig::checkMember);
    Join join = join(settings);
    String serviceDns = settings.optionalString("cluster.kubernetes.service-dns").orElse("");
    if (join == Join.KUBERNETES && serviceDns.isEmpty()) {
      throw new ConfigException("cluster.kubernetes.service-dns",
          "joining through Kubernetes needs the DNS name of the headless Service of the members");
    }
    return new ClusterConfig(
        settings.bool("cluster.enabled"),
        members,
        host,
        settings.optionalString("cluster.public-host").orElse(host),
        settings.integer("cluster.port", 1, 65535),
        settings.port("cluster.event-bus-port"),
        join,
        serviceDns,
        Duration.ofSeconds(Math.max(1, (settings.millis("cluster.member-timeout-ms").toMillis() + 999) / 1000)));
  }

  private static Join join(Settings settings) {
    String value = settings.string("cluster.join");
    return switch (value) {
      case "tcp-ip" -> Join.TCP_IP;
      case "kubernetes" -> Join.KUBERNETES;
      default -> throw new ConfigException("cluster.join", "'" + value + "' is neither tcp-ip nor kubernetes");
    };
  }

  private static void checkMember(String member) {
    int colon = member.lastIndexOf(':');
    if (colon < 0) {
      return;
    }
    String port = member.substring(colon + 1);
    if (colon == 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
      throw new ConfigException("cluster.members", "'" + member + "' is not host[:port]");
    }
  }

  /** {@code host:port} of this member as the others reach it. */
  public String publicAddress() {
    return publicHost + ":" + port;
  }
}
