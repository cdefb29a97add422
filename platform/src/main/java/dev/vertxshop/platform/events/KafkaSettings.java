package dev.vertxshop.platform.events;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the Kafka cluster is ({@code kafka.bootstrap-servers}) and how the services create the topics
 * they use when missing ({@code kafka.topics.*}).
 *
 * @param bootstrapServers host:port[,host:port...]
 * @param partitions partitions of a topic a service creates
 * @param replicationFactor replicas of each partition of a topic a service creates
 */
public record KafkaSettings(String bootstrapServers, int partitions, short replicationFactor) {

  public KafkaSettings {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new ConfigException("kafka.bootstrap-servers", "no bootstrap server is given");
    }
    if (partitions < 1 || partitions > 1000) {
      throw new ConfigException("kafka.topics.partitions", partitions + " is outside 1..1000");
    }
    if (replicationFactor < 1 || replicationFactor > 10) {
      throw new ConfigException("kafka.topics.replication-factor", replicationFactor + " is outside 1..10");
    }
  }

  /** The settings, or empty when {@code kafka.bootstrap-servers} is empty. */
  public static Optional<KafkaSettings> configured(Settings settings) {
    return settings.optionalString("kafka.bootstrap-servers").map(servers -> new KafkaSettings(
        servers,
        settings.integer("kafka.topics.partitions", 1, 1000),
        (short) settings.integer("kafka.topics.replication-factor", 1, 10)));
  }

  /** The settings; a {@link ConfigException} when no bootstrap server is configured. */
  public static KafkaSettings require(Settings settings, String service) {
    return configured(settings).orElseThrow(() -> new ConfigException("kafka.bootstrap-servers",
        service + " needs a Kafka cluster: set kafka.bootstrap-servers (KAFKA_BOOTSTRAP_SERVERS)"));
  }

  /** These settings with other bootstrap servers. */
  public KafkaSettings withBootstrapServers(String servers) {
    return new KafkaSettings(servers, partitions, replicationFactor);
  }

  /** Producer configuration: every record acknowledged by all in-sync replicas, idempotence on. */
  Map<String, String> producerConfig(String clientId) {
    Map<String, String> config = common(clientId);
    config.put("acks", "all");
    config.put("enable.idempotence", "true");
    config.put("max.in.flight.requests.per.connection", "5");
    config.put("linger.ms", "1");
    // A send gives up after this; the caller decides what happens next (the outbox keeps the row).
    config.put("delivery.timeout.ms", "15000");
    config.put("request.timeout.ms", "5000");
    config.put("max.block.ms", "5000");
    return config;
  }

  /** Consumer configuration: offsets committed by the consumer after the effect, never automatically. */
  Map<String, String> consumerConfig(String group, String clientId) {
    Map<String, String> config = common(clientId);
    config.put("group.id", group);
    config.put("enable.auto.commit", "false");
    config.put("auto.offset.reset", "earliest");
    config.put("max.poll.records", "500");
    config.put("isolation.level", "read_committed");
    // A member that died (kill -9, a lost node) gives its partitions up after 10 s, not 45.
    config.put("session.timeout.ms", "10000");
    config.put("heartbeat.interval.ms", "3000");
    return config;
  }

  Map<String, String> adminConfig(String clientId) {
    Map<String, String> config = common(clientId);
    config.put("request.timeout.ms", "5000");
    config.put("default.api.timeout.ms", "10000");
    return config;
  }

  private Map<String, String> common(String clientId) {
    Map<String, String> config = new HashMap<>();
    config.put("bootstrap.servers", bootstrapServers);
    config.put("client.id", Objects.requireNonNull(clientId, "clientId"));
    config.put("reconnect.backoff.max.ms", "2000");
    return config;
  }
}
